package io.pggan.examples.study;

/**
 * The GAN metrics: tracked while training and in the final evaluation.
 *
 * @param everyKimg kimg between metric evaluations while training
 * @param sample images per metric evaluation while training (even, at least 4)
 * @param evalSample images per set in the final evaluation (even, at least 4)
 * @param inception TorchScript Inception file for the Inception Score, or null
 * @param inceptionClasses number of logits the Inception file returns
 */
public record MetricsPlan(
        double everyKimg, int sample, int evalSample, String inception, int inceptionClasses) {
    /** Checks the fields. */
    public MetricsPlan {
        if (!(everyKimg > 0)) {
            throw new IllegalArgumentException("metrics.everyKimg must be > 0, got " + everyKimg);
        }
        if (sample < 4 || sample % 2 != 0) {
            throw new IllegalArgumentException(
                    "metrics.sample must be even and >= 4, got " + sample);
        }
        if (evalSample < 4 || evalSample % 2 != 0) {
            throw new IllegalArgumentException(
                    "metrics.evalSample must be even and >= 4, got " + evalSample);
        }
        if (inceptionClasses < 1) {
            throw new IllegalArgumentException(
                    "metrics.inceptionClasses must be positive, got " + inceptionClasses);
        }
    }

    /** A builder starting from this plan. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy of a {@link MetricsPlan}. */
    public static final class Builder {
        private double everyKimg;
        private int sample;
        private int evalSample;
        private String inception;
        private int inceptionClasses;

        private Builder(MetricsPlan p) {
            everyKimg = p.everyKimg;
            sample = p.sample;
            evalSample = p.evalSample;
            inception = p.inception;
            inceptionClasses = p.inceptionClasses;
        }

        /** kimg between evaluations while training. */
        public Builder everyKimg(double v) {
            everyKimg = v;
            return this;
        }

        /** Images per evaluation while training. */
        public Builder sample(int v) {
            sample = v;
            return this;
        }

        /** Images per set in the final evaluation. */
        public Builder evalSample(int v) {
            evalSample = v;
            return this;
        }

        /** TorchScript Inception file, or null. */
        public Builder inception(String v) {
            inception = v;
            return this;
        }

        /** Logits the Inception file returns. */
        public Builder inceptionClasses(int v) {
            inceptionClasses = v;
            return this;
        }

        /** The plan. */
        public MetricsPlan build() {
            return new MetricsPlan(everyKimg, sample, evalSample, inception, inceptionClasses);
        }
    }
}
