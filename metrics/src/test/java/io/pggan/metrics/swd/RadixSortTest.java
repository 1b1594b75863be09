package io.pggan.metrics.swd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RadixSortTest {
    @Test
    void sortsDoublesAndFloatsLikeArraysSort() {
        Random r = new Random(3);
        int n = 5000;
        double[] d = new double[n + 10];
        float[] f = new float[n + 10];
        for (int i = 0; i < d.length; i++) {
            d[i] =
                    switch (i % 7) {
                        case 0 -> -r.nextDouble() * 1e-300;
                        case 1 -> r.nextGaussian() * 1e6;
                        case 2 -> 0.0;
                        case 3 -> -0.0;
                        default -> r.nextGaussian();
                    };
            f[i] = (float) d[i];
        }
        double[] de = Arrays.copyOfRange(d, 5, 5 + n);
        float[] fe = Arrays.copyOfRange(f, 5, 5 + n);
        Arrays.sort(de);
        Arrays.sort(fe);
        RadixSort.sort(d, 5, n, new long[n], new long[n]);
        RadixSort.sort(f, 5, n, new int[n], new int[n]);
        assertThat(Arrays.copyOfRange(d, 5, 5 + n)).containsExactly(de);
        assertThat(Arrays.copyOfRange(f, 5, 5 + n)).containsExactly(fe);
        double[] same = {2.5, 2.5, 2.5};
        RadixSort.sort(same, 0, 3, new long[3], new long[3]);
        assertThat(same).containsExactly(2.5, 2.5, 2.5);
    }
}
