package io.pggan.examples.study;

/**
 * The training images of a study.
 *
 * @param rsna RSNA Bone Age folder, or null for hand phantoms made on the fly
 * @param resolution GAN resolution, a power of two from 32 to 1024
 * @param size training images (phantoms rendered, or at most this many RSNA images)
 */
public record DataPlan(String rsna, int resolution, int size) {
    /** Checks the fields. */
    public DataPlan {
        if (resolution < 32 || resolution > 1024 || Integer.bitCount(resolution) != 1) {
            throw new IllegalArgumentException(
                    "data.resolution (--resolution) must be a power of two from 32 to 1024, got "
                            + resolution);
        }
        if (size < 1) {
            throw new IllegalArgumentException("data.size must be positive, got " + size);
        }
    }

    /** A builder starting from this plan. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy of a {@link DataPlan}. */
    public static final class Builder {
        private String rsna;
        private int resolution;
        private int size;

        private Builder(DataPlan p) {
            rsna = p.rsna;
            resolution = p.resolution;
            size = p.size;
        }

        /** RSNA folder, or null for phantoms. */
        public Builder rsna(String v) {
            rsna = v;
            return this;
        }

        /** GAN resolution. */
        public Builder resolution(int v) {
            resolution = v;
            return this;
        }

        /** Training images. */
        public Builder size(int v) {
            size = v;
            return this;
        }

        /** The plan. */
        public DataPlan build() {
            return new DataPlan(rsna, resolution, size);
        }
    }
}
