package io.pggan.gan.training;

/**
 * A report on the running training, sent to {@link TrainingListener}s.
 *
 * @param iteration iterations done
 * @param kimg thousands of real images shown
 * @param totalKimg run length
 * @param resolution current resolution
 * @param alpha fade-in weight of the newest level (1 in stable phases)
 * @param lod official level of detail (0 = final resolution)
 * @param fadeIn whether a fade-in is running
 * @param minibatch current minibatch size
 * @param dLoss last D loss (WGAN-GP + drift)
 * @param gLoss last G loss
 * @param penalty last gradient-penalty term (lambda included)
 * @param imagesPerSecond real images per second in this session
 * @param etaSeconds estimated seconds to the end of the run
 */
public record TrainingProgress(
        long iteration,
        double kimg,
        double totalKimg,
        int resolution,
        float alpha,
        double lod,
        boolean fadeIn,
        int minibatch,
        double dLoss,
        double gLoss,
        double penalty,
        double imagesPerSecond,
        double etaSeconds) {

    /** "stable" or "fade-in". */
    public String phase() {
        return fadeIn ? "fade-in" : "stable";
    }
}
