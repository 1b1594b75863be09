package io.pggan.latent.axis;

/**
 * The training samples an {@link AxisMethod} sees.
 *
 * @param latents {@code [n][latentDim]}
 * @param months predicted age of each latent's image
 * @param features optional per-sample features (e.g. generator activations for PCA), or null
 * @param seed the finder's seed, for methods that draw at random
 */
public record AxisSample(float[][] latents, double[] months, float[][] features, long seed) {
    /** Number of samples. */
    public int size() {
        return latents.length;
    }

    /** Latent {@code i} widened to double. */
    public double[] latent(int i) {
        float[] z = latents[i];
        double[] out = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            out[j] = z[j];
        }
        return out;
    }
}
