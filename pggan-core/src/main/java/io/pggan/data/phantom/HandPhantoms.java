package io.pggan.data.phantom;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.pggan.data.ImageSource;
import io.pggan.data.Preprocessing;
import io.pggan.data.Sex;
import io.pggan.data.labels.Labels;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Procedural synthetic pediatric left-hand radiographs (palm down, thumb on the right) whose bone
 * age is carried by anatomy: hand size, carpal ossification centres appearing in order and growing,
 * epiphyses appearing, capping and fusing, the adductor sesamoid at puberty, girls maturing
 * earlier. Pose, framing, exposure, noise, blur, a burned-in letter and collimation vary
 * independently of age. Immutable; serialises to JSON.
 *
 * <pre>{@code
 * HandPhantoms phantoms = HandPhantoms.builder().seed(42).resolution(256).build();
 * Phantom p = phantoms.render(132, Sex.FEMALE, 7);   // 11-year-old girl, phantom #7
 * BufferedImage image = p.image();                   // 8-bit gray
 * PhantomTruth truth = p.truth();                    // age, sex, ossified carpals, ...
 * Phantom q = phantoms.render(7);                    // age and sex drawn like RSNA's
 * }</pre>
 *
 * <p>Every random choice of phantom {@code i} comes from generators seeded by {@code (seed, i)},
 * and only deterministic arithmetic is used, so the same seed gives the same pixels everywhere.
 */
public final class HandPhantoms {
    /** Largest supported resolution. */
    public static final int MAX_RESOLUTION = 1024;

    private final long seed;
    private final int resolution;
    private final Variation variation;

    @JsonCreator
    private HandPhantoms(
            @JsonProperty("seed") long seed,
            @JsonProperty("resolution") int resolution,
            @JsonProperty("variation") Variation variation) {
        Preprocessing.checkResolution(resolution);
        if (resolution > MAX_RESOLUTION) {
            throw new IllegalArgumentException(
                    "phantom resolution must be at most " + MAX_RESOLUTION + ", got " + resolution);
        }
        this.seed = seed;
        this.resolution = resolution;
        this.variation = Objects.requireNonNull(variation, "variation");
    }

    /** A new builder (seed 0, 256 px, full variation). */
    public static Builder builder() {
        return new Builder();
    }

    /** The seed. */
    @JsonProperty
    public long seed() {
        return seed;
    }

    /** Side of the images. */
    @JsonProperty
    public int resolution() {
        return resolution;
    }

    /** Non-age variation. */
    @JsonProperty
    public Variation variation() {
        return variation;
    }

    /**
     * Renders phantom {@code index} of the given age and sex.
     *
     * @param ageMonths bone age, 1 to 228 months
     * @param sex sex
     * @param index phantom number; with the seed it fixes pose, exposure, noise, marker and the
     *     individual variation of anatomy, so one index at different ages shows one child growing
     */
    public Phantom render(double ageMonths, Sex sex, long index) {
        if (!(ageMonths >= 1 && ageMonths <= 228)) {
            throw new IllegalArgumentException("ageMonths must be within 1..228, got " + ageMonths);
        }
        Objects.requireNonNull(sex, "sex");
        return HandRenderer.render(seed, index, ageMonths, sex, resolution, variation);
    }

    /** Renders phantom {@code index} with the age and sex drawn from {@link #ageMonths(long)}. */
    public Phantom render(long index) {
        return render(ageMonths(index), sex(index), index);
    }

    /**
     * The default age of phantom {@code index}: integer months following the RSNA training set
     * (mean about 127, median about 132, about 72% between 8 and 14 years): 10% uniform over 1..100
     * months, 90% normal with mean 135.5 and sd 28, truncated to 1..228.
     */
    public double ageMonths(long index) {
        SplittableRandom r = new SplittableRandom(HandRenderer.streamSeed(seed, index, 4));
        if (r.nextDouble() < 0.1) {
            return 1 + r.nextInt(100);
        }
        while (true) {
            double u1 = 1 - r.nextDouble();
            double u2 = r.nextDouble();
            double z =
                    StrictMath.sqrt(-2 * StrictMath.log(u1))
                            * StrictMath.cos(2 * StrictMath.PI * u2);
            double a = StrictMath.rint(135.5 + 28 * z);
            if (a >= 1 && a <= 228) {
                return a;
            }
        }
    }

    /** The default sex of phantom {@code index}: male with probability 0.542 (RSNA's share). */
    public Sex sex(long index) {
        SplittableRandom r = new SplittableRandom(HandRenderer.streamSeed(seed, index, 5));
        return r.nextDouble() < 6833.0 / 12611.0 ? Sex.MALE : Sex.FEMALE;
    }

    /**
     * {@code count} phantoms with the default ages and sexes, as an {@link ImageSource} (to build a
     * multi-resolution store directly) that knows each phantom's age and sex ({@link
     * ImageSource#labels}).
     */
    public ImageSource asSource(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        return new ImageSource() {
            @Override
            public int size() {
                return count;
            }

            @Override
            public int resolution() {
                return resolution;
            }

            @Override
            public float[] load(int index) {
                return render(index).pixels();
            }

            @Override
            public String describe(int index) {
                return "phantom " + index + " (seed " + seed + ")";
            }

            @Override
            public Labels labels(int index) {
                return Labels.of(ageMonths(index), sex(index));
            }
        };
    }

    @Override
    public String toString() {
        return "HandPhantoms{seed="
                + seed
                + ", resolution="
                + resolution
                + ", variation="
                + variation
                + "}";
    }

    /** Builder of {@link HandPhantoms}. */
    public static final class Builder {
        private long seed;
        private int resolution = 256;
        private Variation variation = Variation.FULL;

        private Builder() {}

        /** The seed (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Side, a power of two from 4 to 1024 (default 256). */
        public Builder resolution(int resolution) {
            this.resolution = resolution;
            return this;
        }

        /** Non-age variation (default {@link Variation#FULL}). */
        public Builder variation(Variation variation) {
            this.variation = variation;
            return this;
        }

        /** The generator. */
        public HandPhantoms build() {
            return new HandPhantoms(seed, resolution, variation);
        }
    }
}
