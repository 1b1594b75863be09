package io.pggan.gan.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.pggan.gan.network.Ops;
import io.pggan.gan.network.ReplicaParameterStore;

/** Images from the moving-average generator Gs, in chunks that bound the memory of any count. */
public final class GsSampler {
    private GsSampler() {}

    /** Latents per Gs forward pass when sampling: memory is bounded by one such chunk. */
    public static final int SAMPLE_CHUNK = 32;

    /**
     * Gs images of the latents, in chunks of {@link #SAMPLE_CHUNK} whose activations are released
     * before the next one, optionally nearest-upsampled to the final resolution.
     *
     * @param state the run
     * @param step owner of the result
     * @param z latents {@code [N, latentDim]}
     * @param resolution resolution to run Gs at
     * @param alpha fade-in weight
     * @param fullSize upsample to the final resolution (as the official Gs output)
     * @return images {@code [N, C, res, res]}
     */
    public static NDArray generate(
            GanState state,
            NDManager step,
            NDArray z,
            int resolution,
            float alpha,
            boolean fullSize) {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            ReplicaParameterStore ps = new ReplicaParameterStore();
            long n = z.getShape().get(0);
            int size = fullSize ? state.config().architecture().resolution() : resolution;
            NDArray out = null;
            for (long i = 0; i < n; i += SAMPLE_CHUNK) {
                long end = Math.min(n, i + SAMPLE_CHUNK);
                try (NDManager chunk = state.manager().newSubManager()) {
                    NDArray zi = z.get(i + ":" + end);
                    zi.attach(chunk);
                    zi = zi.toDevice(state.manager().getDevice(), false);
                    zi.attach(chunk);
                    NDArray img =
                            state.averagedGenerator().forward(ps, zi, resolution, alpha, false);
                    for (int s = resolution;
                            fullSize && s < state.config().architecture().resolution();
                            s *= 2) {
                        img = Ops.upsample2(img);
                    }
                    if (n <= SAMPLE_CHUNK) {
                        img.attach(step);
                        return img;
                    }
                    if (out == null) {
                        out =
                                step.zeros(
                                        new Shape(
                                                n,
                                                state.config().architecture().channels(),
                                                size,
                                                size),
                                        img.getDataType(),
                                        img.getDevice());
                    }
                    out.set(new NDIndex(i + ":" + end), img);
                }
            }
            return out;
        } finally {
            JniUtils.setGradMode(was);
        }
    }
}
