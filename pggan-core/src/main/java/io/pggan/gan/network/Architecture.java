package io.pggan.gan.network;

/**
 * The sizes that fix both networks' layers: final resolution, image channels, latent size, the
 * feature-map rule and the minibatch-stddev group.
 *
 * @param resolution final output size R, a power of two from 4 to 1024
 * @param channels 1 (grayscale) or 3
 * @param latentDim latent vector length
 * @param fmapBase numerator of the feature-map rule (official 8192)
 * @param fmapDecay exponent of the feature-map rule (official 1.0)
 * @param fmapMax cap on the feature maps (official 512)
 * @param mbstdGroupSize minibatch-stddev group size (official 4); below 2 disables the layer
 * @param fusedScale fused up-conv in G and conv-down in D (official default)
 * @param normalizeLatents pixel norm on the latent vector (official default)
 */
public record Architecture(
        int resolution,
        int channels,
        int latentDim,
        int fmapBase,
        double fmapDecay,
        int fmapMax,
        int mbstdGroupSize,
        boolean fusedScale,
        boolean normalizeLatents) {

    /** Feature maps of a stage: {@code min(int(fmapBase / 2^(stage*fmapDecay)), fmapMax)}. */
    public int nf(int stage) {
        return Math.min((int) (fmapBase / Math.pow(2.0, stage * fmapDecay)), fmapMax);
    }

    /** log2 of the final resolution. */
    public int resolutionLog2() {
        return Integer.numberOfTrailingZeros(resolution);
    }

    /** Number of levels of detail: 1 for 4x4, 9 for 1024x1024. */
    public int levels() {
        return resolutionLog2() - 1;
    }

    /** Level index of a resolution: 0 for 4x4, 1 for 8x8, and so on. */
    public int levelOf(int res) {
        if (res < 4 || Integer.bitCount(res) != 1 || res > resolution) {
            throw new IllegalArgumentException(
                    "resolution must be a power of two from 4 to " + resolution + ", got " + res);
        }
        return Integer.numberOfTrailingZeros(res) - 2;
    }
}
