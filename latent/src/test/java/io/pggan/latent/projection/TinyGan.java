package io.pggan.latent.projection;

import ai.djl.ndarray.NDArray;
import io.pggan.gan.Pggan;
import io.pggan.gan.training.TrainingSchedule;
import io.pggan.model.DifferentiableFeatures;

/** An untrained 16x16 PGGAN with an 8-d latent, already at its final resolution. */
final class TinyGan {
    private TinyGan() {}

    static Pggan build(long seed) {
        return Pggan.builder()
                .latentDim(8)
                .resolution(16)
                .channels(1)
                .fmapMax(8)
                .configure(b -> b.fmapBase(64))
                .schedule(TrainingSchedule.shortRun(1, 2, 4).withInitialResolution(16))
                .seed(seed)
                .progressBar(false)
                .build();
    }

    /** 4x4 average pooling of 16x16 images: a small differentiable feature map. */
    static DifferentiableFeatures pooled() {
        return new DifferentiableFeatures() {
            @Override
            public int featureDim() {
                return 16;
            }

            @Override
            public NDArray featuresDifferentiable(NDArray images) {
                long n = images.getShape().get(0);
                return images.reshape(n, 4, 4, 4, 4)
                        .mean(new int[] {4})
                        .mean(new int[] {2})
                        .reshape(n, 16);
            }
        };
    }

    /** Mean squared difference of two arrays. */
    static double mse(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s / a.length;
    }
}
