package io.pggan.metrics.random;

/**
 * A port of NumPy's legacy {@code numpy.random.RandomState} (MT19937) for the few draws the GAN
 * metric references make: {@code randint}, {@code randn}, {@code permutation} and {@code choice}
 * without replacement. With the same seed it yields the same numbers as NumPy, so seeded SWD patch
 * centres and directions, torch-fidelity's KID subsets and its Inception Score shuffle can be
 * reproduced exactly. Not thread-safe.
 */
public final class NumpyRandomState {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int pos;
    private boolean hasGauss;
    private double gauss;

    /** Seeds like {@code RandomState(seed)} for an integer seed in {@code [0, 2^32)}. */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("seed must be in [0, 2^32), got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        pos = N;
    }

    private void generate() {
        final int upper = 0x80000000;
        final int lower = 0x7fffffff;
        final int matrixA = 0x9908b0df;
        int i = 0;
        for (; i < N - M; i++) {
            int y = (mt[i] & upper) | (mt[i + 1] & lower);
            mt[i] = mt[i + M] ^ (y >>> 1) ^ (-(y & 1) & matrixA);
        }
        for (; i < N - 1; i++) {
            int y = (mt[i] & upper) | (mt[i + 1] & lower);
            mt[i] = mt[i + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & matrixA);
        }
        int y = (mt[N - 1] & upper) | (mt[0] & lower);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (-(y & 1) & matrixA);
        pos = 0;
    }

    /** Next raw 32-bit output as an unsigned value. */
    public long nextUint32() {
        if (pos == N) {
            generate();
        }
        int y = mt[pos++];
        y ^= (y >>> 11);
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= (y >>> 18);
        return y & 0xFFFFFFFFL;
    }

    /** {@code random_sample()}: a double in [0, 1) with 53 random bits. */
    public double nextDouble() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** Legacy polar Box-Muller {@code standard_normal()}, caching the second value like NumPy. */
    public double nextGaussian() {
        if (hasGauss) {
            hasGauss = false;
            double t = gauss;
            gauss = 0.0;
            return t;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** Fills {@code out} like {@code randn(*shape)} (C order). */
    public double[] randn(int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = nextGaussian();
        }
        return out;
    }

    /** Bounded integer in [0, max] by masked rejection, as NumPy's legacy {@code randint}. */
    private long boundedMasked(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        mask |= mask >>> 32;
        if (max <= 0xFFFFFFFFL) {
            if (max == 0xFFFFFFFFL) {
                return nextUint32();
            }
            long v;
            while ((v = nextUint32() & mask) > max) {
                // rejected: draw again
            }
            return v;
        }
        long v;
        while ((v = nextUint64() & mask) > max) {
            // rejected: draw again
        }
        return v;
    }

    private long nextUint64() {
        return (nextUint32() << 32) | nextUint32();
    }

    /** {@code randint(low, high, size=count)}: integers in [low, high), int64 semantics. */
    public long[] randint(long low, long high, int count) {
        if (high <= low) {
            throw new IllegalArgumentException("randint: low >= high (" + low + ", " + high + ")");
        }
        long range = high - low - 1;
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = low + boundedMasked(range);
        }
        return out;
    }

    /** {@code random_interval(max)} used by the legacy shuffle. */
    private long interval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        mask |= mask >>> 32;
        long v;
        if (max <= 0xFFFFFFFFL) {
            while ((v = nextUint32() & mask) > max) {
                // rejected
            }
        } else {
            while ((v = nextUint64() & mask) > max) {
                // rejected
            }
        }
        return v;
    }

    /** {@code permutation(n)}: a shuffled {@code arange(n)} (legacy Fisher-Yates from the end). */
    public int[] permutation(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i >= 1; i--) {
            int j = (int) interval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** {@code choice(n, size, replace=False)}: the first {@code size} entries of a permutation. */
    public int[] choiceWithoutReplacement(int n, int size) {
        if (size > n) {
            throw new IllegalArgumentException(
                    "cannot take " + size + " samples without replacement from " + n);
        }
        int[] p = permutation(n);
        int[] out = new int[size];
        System.arraycopy(p, 0, out, 0, size);
        return out;
    }
}
