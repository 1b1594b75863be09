package io.pggan.latent.projection;

import io.pggan.gan.Pggan;
import io.pggan.model.DifferentiableFeatures;

/** {@link TinyGan} for tests in other packages. */
public final class TinyGanAccess {
    private TinyGanAccess() {}

    /** An untrained 16x16 PGGAN with an 8-d latent at its final resolution. */
    public static Pggan build(long seed) {
        return TinyGan.build(seed);
    }

    /** 4x4 average pooling features. */
    public static DifferentiableFeatures pooled() {
        return TinyGan.pooled();
    }

    /** Mean squared difference of two arrays. */
    public static double mse(float[] a, float[] b) {
        return TinyGan.mse(a, b);
    }
}
