package io.pggan.data.rsna;

import io.pggan.data.DataException;
import io.pggan.data.ImageFiles;
import io.pggan.data.ImageSource;
import io.pggan.data.Preprocessing;
import io.pggan.data.Sex;
import io.pggan.data.SquareMode;
import io.pggan.data.labels.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The RSNA 2017 Bone Age images with their ages and sexes, filtered, preprocessed on load.
 *
 * <pre>{@code
 * RsnaDataset train = RsnaDataset.builder()
 *         .root(Path.of("/data/rsna"))      // holds boneage-training-dataset.csv
 *         .resolution(256)
 *         .ageRange(12, 228)
 *         .build();
 * float[] pixels = train.load(0);           // [256 * 256] in [-1, 1]
 * }</pre>
 */
public final class RsnaDataset implements ImageSource {
    /** The training CSV name of the Kaggle release. */
    public static final String TRAINING_CSV = "boneage-training-dataset.csv";

    private final RsnaCsvFormat format;
    private final List<BoneAgeRecord> records;
    private final Preprocessing preprocessing;

    private RsnaDataset(
            RsnaCsvFormat format, List<BoneAgeRecord> records, Preprocessing preprocessing) {
        this.format = format;
        this.records = List.copyOf(records);
        this.preprocessing = preprocessing;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The image folder for a CSV: {@code <parent>/<name>}, or {@code <parent>/<name>/<name>} when
     * the release nests the folder once more (the Kaggle training set does).
     */
    public static Path resolveImageFolder(Path parent, String name) {
        Path dir = parent.resolve(name);
        Path nested = dir.resolve(name);
        return Files.isDirectory(nested) ? nested : dir;
    }

    /** The layout of the CSV read. */
    public RsnaCsvFormat format() {
        return format;
    }

    /** The records after filtering, in CSV order. */
    public List<BoneAgeRecord> records() {
        return records;
    }

    /** Record {@code index}. */
    public BoneAgeRecord record(int index) {
        return records.get(index);
    }

    /** The preprocessing applied by {@link #load}. */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    @Override
    public int size() {
        return records.size();
    }

    @Override
    public int resolution() {
        return preprocessing.resolution();
    }

    @Override
    public float[] load(int index) {
        BoneAgeRecord r = records.get(index);
        return ImageFiles.load(r.image(), preprocessing);
    }

    @Override
    public String describe(int index) {
        return records.get(index).image().toString();
    }

    /** Bone age ({@code boneage}) and sex ({@code male}); null for a record without an age. */
    @Override
    public Labels labels(int index) {
        BoneAgeRecord r = records.get(index);
        return r.hasAge() ? Labels.of(r.ageMonths(), r.sex()) : null;
    }

    /** Bone ages of the records, in order ({@code NaN} for the test CSV). */
    public double[] ages() {
        return records.stream().mapToDouble(BoneAgeRecord::ageMonths).toArray();
    }

    /** A dataset of the given records (e.g. a split) with the same preprocessing. */
    public RsnaDataset withRecords(List<BoneAgeRecord> subset) {
        return new RsnaDataset(format, subset, preprocessing);
    }

    /**
     * A seeded random split into training, validation and test parts. The records are sorted by id
     * before shuffling, so the split depends only on the seed and the set of ids.
     *
     * @param seed shuffle seed
     * @param validationFraction share of records for validation, in [0, 1)
     * @param testFraction share of records for test, in [0, 1), sum below 1
     */
    public Split split(long seed, double validationFraction, double testFraction) {
        if (!(validationFraction >= 0
                && testFraction >= 0
                && validationFraction + testFraction < 1)) {
            throw new IllegalArgumentException(
                    "split fractions must be >= 0 with a sum below 1, got validation="
                            + validationFraction
                            + ", test="
                            + testFraction);
        }
        List<BoneAgeRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparing(BoneAgeRecord::id));
        Collections.shuffle(sorted, new Random(seed));
        int n = sorted.size();
        int nVal = (int) Math.round(n * validationFraction);
        int nTest = (int) Math.round(n * testFraction);
        return new Split(
                withRecords(sorted.subList(nVal + nTest, n)),
                withRecords(sorted.subList(0, nVal)),
                withRecords(sorted.subList(nVal, nVal + nTest)));
    }

    /**
     * Three disjoint parts of a dataset.
     *
     * @param train training part
     * @param validation validation part
     * @param test test part
     */
    public record Split(RsnaDataset train, RsnaDataset validation, RsnaDataset test) {}

    /** Builder of {@link RsnaDataset}. */
    public static final class Builder {
        private Path root;
        private Path csv;
        private Path imageDir;
        private int resolution = 256;
        private SquareMode squareMode = SquareMode.PAD;
        private double minAge = Double.NEGATIVE_INFINITY;
        private double maxAge = Double.POSITIVE_INFINITY;
        private Sex sex;
        private boolean checkImages = true;

        private Builder() {}

        /** A folder holding {@value RsnaDataset#TRAINING_CSV} and its image folder. */
        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        /** An explicit CSV (training, validation or test layout); overrides {@link #root}. */
        public Builder csv(Path csv) {
            this.csv = csv;
            return this;
        }

        /**
         * The image folder; by default the release's folder for the CSV's layout next to the CSV
         * (nested once more where the release nests it).
         */
        public Builder imageDir(Path imageDir) {
            this.imageDir = imageDir;
            return this;
        }

        /** Output side, a power of two (default 256). */
        public Builder resolution(int resolution) {
            this.resolution = resolution;
            return this;
        }

        /** Pad (default) or crop to a square. */
        public Builder squareMode(SquareMode squareMode) {
            this.squareMode = squareMode;
            return this;
        }

        /** Keep only ages within [min, max] months, inclusive. */
        public Builder ageRange(double minMonths, double maxMonths) {
            this.minAge = minMonths;
            this.maxAge = maxMonths;
            return this;
        }

        /** Keep only this sex; null (default) keeps both. */
        public Builder sex(Sex sex) {
            this.sex = sex;
            return this;
        }

        /** Whether to require every image file to exist at build time (default true). */
        public Builder checkImages(boolean checkImages) {
            this.checkImages = checkImages;
            return this;
        }

        /**
         * Reads and validates the CSV and applies the filters.
         *
         * @throws DataException naming the file, line and field of bad input
         * @throws IllegalArgumentException for a bad setting (e.g. resolution not a power of two)
         */
        public RsnaDataset build() {
            Preprocessing pre = new Preprocessing(resolution, squareMode);
            if (minAge > maxAge) {
                throw new IllegalArgumentException(
                        "ageRange min " + minAge + " is above max " + maxAge);
            }
            Path file = csv;
            if (file == null) {
                Objects.requireNonNull(root, "set root(...) or csv(...)");
                file = root.resolve(TRAINING_CSV);
            }
            if (!Files.isRegularFile(file)) {
                throw new DataException(file + ": CSV file does not exist");
            }
            Path dir = imageDir;
            if (dir == null) {
                Path parent = file.toAbsolutePath().getParent();
                String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
                dir = resolveImageFolder(parent, name);
            }
            RsnaCsv.Contents contents = RsnaCsv.read(file, dir, checkImages);
            boolean ageFilter =
                    minAge != Double.NEGATIVE_INFINITY || maxAge != Double.POSITIVE_INFINITY;
            if (ageFilter && !contents.format().hasAges()) {
                throw new IllegalArgumentException(
                        file
                                + ": an age filter needs ages, but this "
                                + contents.format()
                                + " CSV has none");
            }
            List<BoneAgeRecord> kept = new ArrayList<>();
            for (BoneAgeRecord r : contents.records()) {
                if (sex != null && r.sex() != sex) {
                    continue;
                }
                if (ageFilter && (r.ageMonths() < minAge || r.ageMonths() > maxAge)) {
                    continue;
                }
                kept.add(r);
            }
            return new RsnaDataset(contents.format(), kept, pre);
        }
    }
}
