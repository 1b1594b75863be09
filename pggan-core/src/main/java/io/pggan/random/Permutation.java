package io.pggan.random;

import java.util.Random;

/**
 * Seeded shuffles, written once: Fisher-Yates from the last element down, each swap partner drawn
 * with {@code random.nextInt(i + 1)} (the same draws as {@link java.util.Collections#shuffle(
 * java.util.List, Random)}), so a seed gives the same order on every machine.
 */
public final class Permutation {
    private Permutation() {}

    /** A random order of {@code 0 .. n-1} from a fresh {@code new Random(seed)}. */
    public static int[] of(int n, long seed) {
        return of(n, new Random(seed));
    }

    /** A random order of {@code 0 .. n-1}, drawing from {@code random}. */
    public static int[] of(int n, Random random) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, random);
        return order;
    }

    /** Shuffles {@code values} in place. */
    public static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
