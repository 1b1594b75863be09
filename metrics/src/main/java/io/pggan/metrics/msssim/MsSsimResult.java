package io.pggan.metrics.msssim;

/**
 * MS-SSIM over a set of pairs: the mean (PGGAN's diversity value) and the value of every pair.
 *
 * @param mean mean over the pairs
 * @param perPair one value per pair, in pair order
 */
public record MsSsimResult(double mean, double[] perPair) {
    /** Number of pairs. */
    public int pairCount() {
        return perPair.length;
    }
}
