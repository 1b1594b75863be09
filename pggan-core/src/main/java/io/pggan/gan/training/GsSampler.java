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

    /**
     * Latents per Gs forward pass when sampling: memory is bounded by one such chunk (and, for a
     * conditional model, the latents and labels side by side).
     */
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
     * @throws IllegalArgumentException for a conditional model (use the form with labels)
     */
    public static NDArray generate(
            GanState state,
            NDManager step,
            NDArray z,
            int resolution,
            float alpha,
            boolean fullSize) {
        return generate(state, step, z, null, resolution, alpha, fullSize);
    }

    /**
     * Gs images of latents and labels ({@link #generate(GanState, NDManager, NDArray, int, float,
     * boolean)} for a conditional model).
     *
     * @param labels label vectors {@code [N, labelSize]}; null for an unconditional model
     */
    public static NDArray generate(
            GanState state,
            NDManager step,
            NDArray z,
            NDArray labels,
            int resolution,
            float alpha,
            boolean fullSize) {
        int labelSize = state.config().labelSize();
        if (labels == null && labelSize > 0) {
            throw new IllegalArgumentException(
                    "the model is conditional on labels "
                            + state.config().labels().names()
                            + ": generate with labels");
        }
        if (labels != null) {
            long n = z.getShape().get(0);
            if (!labels.getShape().equals(new Shape(n, labelSize))) {
                throw new IllegalArgumentException(
                        "labels must be ["
                                + n
                                + ", "
                                + labelSize
                                + "] for "
                                + n
                                + " latents, got "
                                + labels.getShape());
            }
            if (z.getShape().dimension() != 2
                    || z.getShape().get(1) != state.config().architecture().latentDim()) {
                throw new IllegalArgumentException(
                        "latents must be [N, "
                                + state.config().architecture().latentDim()
                                + "], got "
                                + z.getShape());
            }
            // Gs takes latents and labels side by side; chunks of that run as unconditional ones
            z = z.concat(labels.toDevice(z.getDevice(), false), 1);
        }
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
