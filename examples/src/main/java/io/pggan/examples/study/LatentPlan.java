package io.pggan.examples.study;

/**
 * The latent-space stages: labelling, the age axis and the aging video.
 *
 * @param labelSamples latents labelled by the age CNN for the LASSO
 * @param videoFrames frames of the aging video
 */
public record LatentPlan(int labelSamples, int videoFrames) {
    /** Checks the fields. */
    public LatentPlan {
        if (labelSamples < 50) {
            throw new IllegalArgumentException(
                    "latent.labelSamples must be at least 50 (10-fold CV), got " + labelSamples);
        }
        if (videoFrames < 8) {
            throw new IllegalArgumentException(
                    "latent.videoFrames must be at least 8, got " + videoFrames);
        }
    }

    /** A builder starting from this plan. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy of a {@link LatentPlan}. */
    public static final class Builder {
        private int labelSamples;
        private int videoFrames;

        private Builder(LatentPlan p) {
            labelSamples = p.labelSamples;
            videoFrames = p.videoFrames;
        }

        /** Latents labelled for the LASSO. */
        public Builder labelSamples(int v) {
            labelSamples = v;
            return this;
        }

        /** Frames of the video. */
        public Builder videoFrames(int v) {
            videoFrames = v;
            return this;
        }

        /** The plan. */
        public LatentPlan build() {
            return new LatentPlan(labelSamples, videoFrames);
        }
    }
}
