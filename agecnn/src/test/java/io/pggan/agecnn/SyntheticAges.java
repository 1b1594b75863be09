package io.pggan.agecnn;

import io.pggan.data.Sex;
import java.util.Random;

/** Small synthetic images whose age is carried by the radius of a bright disc. */
final class SyntheticAges {
    private SyntheticAges() {}

    static AgeDataset make(int n, int size, int channels, boolean withSex, long seed) {
        Random random = new Random(seed);
        float[] images = new float[n * channels * size * size];
        float[] ages = new float[n];
        Sex[] sexes = withSex ? new Sex[n] : null;
        int plane = size * size;
        for (int i = 0; i < n; i++) {
            ages[i] = 12 + random.nextFloat() * 200;
            double radius = 6 + ages[i] / 228.0 * (size / 2.0 - 10);
            double cx = size / 2.0 + random.nextGaussian() * 2;
            double cy = size / 2.0 + random.nextGaussian() * 2;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double d = Math.hypot(x - cx, y - cy);
                    float v = d < radius ? 0.8f : -0.8f;
                    v += (float) (random.nextGaussian() * 0.05);
                    v = Math.max(-1f, Math.min(1f, v));
                    for (int c = 0; c < channels; c++) {
                        images[(i * channels + c) * plane + y * size + x] = v;
                    }
                }
            }
            if (withSex) {
                sexes[i] = random.nextBoolean() ? Sex.MALE : Sex.FEMALE;
            }
        }
        return AgeDataset.of(images, channels, size, size, ages, sexes);
    }
}
