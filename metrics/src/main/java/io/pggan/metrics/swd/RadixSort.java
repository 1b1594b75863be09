package io.pggan.metrics.swd;

/**
 * LSD radix sort of doubles and floats (11-bit digits on order-preserving bit keys). SWD sorts 128
 * projections of up to millions of descriptors per repeat; only the sorted values are needed, so
 * the keys are sorted alone, which is several times faster than a comparison sort. NaN must not
 * occur.
 */
final class RadixSort {
    private static final int BITS = 11;
    private static final int BUCKETS = 1 << BITS;
    private static final int MASK = BUCKETS - 1;

    private RadixSort() {}

    /** Sorts {@code a[from, from + n)} ascending, using {@code tmp} (length at least n). */
    static void sort(double[] a, int from, int n, long[] keys, long[] tmp) {
        for (int i = 0; i < n; i++) {
            long b = Double.doubleToRawLongBits(a[from + i]);
            keys[i] = b < 0 ? ~b : b ^ Long.MIN_VALUE;
        }
        int passes = (64 + BITS - 1) / BITS;
        int[][] counts = new int[passes][BUCKETS];
        for (int i = 0; i < n; i++) {
            long k = keys[i];
            for (int p = 0; p < passes; p++) {
                counts[p][(int) (k >>> (p * BITS)) & MASK]++;
            }
        }
        long[] src = keys;
        long[] dst = tmp;
        for (int p = 0; p < passes; p++) {
            int[] c = counts[p];
            if (singleBucket(c, n)) {
                continue;
            }
            int sum = 0;
            for (int b = 0; b < BUCKETS; b++) {
                int t = c[b];
                c[b] = sum;
                sum += t;
            }
            int shift = p * BITS;
            for (int i = 0; i < n; i++) {
                long k = src[i];
                dst[c[(int) (k >>> shift) & MASK]++] = k;
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        for (int i = 0; i < n; i++) {
            long k = src[i];
            long b = k < 0 ? k ^ Long.MIN_VALUE : ~k;
            a[from + i] = Double.longBitsToDouble(b);
        }
    }

    /** Sorts {@code a[from, from + n)} ascending, using {@code tmp} (length at least n). */
    static void sort(float[] a, int from, int n, int[] keys, int[] tmp) {
        for (int i = 0; i < n; i++) {
            int b = Float.floatToRawIntBits(a[from + i]);
            keys[i] = b < 0 ? ~b : b ^ Integer.MIN_VALUE;
        }
        int passes = (32 + BITS - 1) / BITS;
        int[][] counts = new int[passes][BUCKETS];
        for (int i = 0; i < n; i++) {
            int k = keys[i];
            for (int p = 0; p < passes; p++) {
                counts[p][(k >>> (p * BITS)) & MASK]++;
            }
        }
        int[] src = keys;
        int[] dst = tmp;
        for (int p = 0; p < passes; p++) {
            int[] c = counts[p];
            if (singleBucket(c, n)) {
                continue;
            }
            int sum = 0;
            for (int b = 0; b < BUCKETS; b++) {
                int t = c[b];
                c[b] = sum;
                sum += t;
            }
            int shift = p * BITS;
            for (int i = 0; i < n; i++) {
                int k = src[i];
                dst[c[(k >>> shift) & MASK]++] = k;
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        for (int i = 0; i < n; i++) {
            int k = src[i];
            int b = k < 0 ? k ^ Integer.MIN_VALUE : ~k;
            a[from + i] = Float.intBitsToFloat(b);
        }
    }

    private static boolean singleBucket(int[] c, int n) {
        for (int v : c) {
            if (v == n) {
                return true;
            }
            if (v != 0) {
                return false;
            }
        }
        return false;
    }
}
