package io.pggan.data.labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.pggan.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The labels of every image of a training set, validated against a {@link LabelSpec}: one row of
 * raw values per image (per group, the class index or the continuous value). Immutable. It also
 * draws G's training labels as the official code does: the labels of random training images, so G
 * sees the training set's joint label distribution.
 */
public final class LabelTable {
    /** File name of a table stored beside a multi-resolution store's header. */
    public static final String FILE = "labels.json";

    private final LabelSpec spec;
    private final double[][] raw;

    private LabelTable(LabelSpec spec, double[][] raw) {
        this.spec = spec;
        this.raw = raw;
    }

    /**
     * Validates the labels of {@code count} images.
     *
     * @param spec what the labels are
     * @param count number of images
     * @param labels the labels of image {@code i} (null when missing)
     * @param describe names image {@code i} (its file, CSV row or phantom), for messages
     * @throws IllegalArgumentException naming the image and the field of the first bad label
     */
    public static LabelTable of(
            LabelSpec spec, int count, IntFunction<Labels> labels, IntFunction<String> describe) {
        double[][] raw = new double[count][];
        for (int i = 0; i < count; i++) {
            raw[i] = spec.raw(labels.apply(i), describe.apply(i));
        }
        return new LabelTable(spec, raw);
    }

    /** A table of the same labels for every image (tests, single-class sets). */
    public static LabelTable constant(LabelSpec spec, int count, Labels labels) {
        return of(spec, count, i -> labels, i -> "image " + i);
    }

    /** The spec. */
    public LabelSpec spec() {
        return spec;
    }

    /** Number of images. */
    public int size() {
        return raw.length;
    }

    /** The raw values of image {@code i} (per group). */
    public double[] raw(int i) {
        return raw[i].clone();
    }

    /** The label vector of image {@code i}. */
    public float[] encoded(int i) {
        return spec.encode(raw[i]);
    }

    /** The label vectors of the given images, row after row ({@code rows.length * size} values). */
    public float[] encoded(int[] rows) {
        int w = spec.size();
        float[] out = new float[rows.length * w];
        for (int k = 0; k < rows.length; k++) {
            spec.encodeInto(raw[rows[k]], out, k * w);
        }
        return out;
    }

    /** {@code n} image indices drawn uniformly with replacement: G's training labels. */
    public int[] randomRows(Random random, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextInt(raw.length);
        }
        return out;
    }

    /**
     * Checks the table fits a set of images.
     *
     * @param imageCount images in the set
     * @param where the set, for messages
     */
    public void checkCount(int imageCount, String where) {
        if (imageCount != raw.length) {
            throw new IllegalArgumentException(
                    where + " has " + imageCount + " images but " + raw.length + " labels");
        }
    }

    /** The file layout of {@link #write}. */
    record Document(
            @JsonProperty("spec") LabelSpec spec, @JsonProperty("rows") List<double[]> rows) {
        @JsonCreator
        Document {}
    }

    /** Writes the table as JSON (spec and rows), atomically. */
    public void write(Path file) {
        Json.write(file, new Document(spec, List.of(raw)));
    }

    /**
     * Reads a table written by {@link #write} and validates every row against its spec.
     *
     * @param file the JSON file
     * @param imageCount rows expected
     * @throws IllegalArgumentException naming the file, row and field
     */
    public static LabelTable read(Path file, int imageCount) {
        Document d;
        try {
            if (Files.size(file) > 64L * (imageCount + 16) + (1 << 20)) {
                throw new IllegalArgumentException(
                        file + ": too large for the labels of " + imageCount + " images");
            }
            d = Json.mapper().readValue(file.toFile(), Document.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(
                    file + ": not a labels table (" + e.getMessage() + ")", e);
        }
        if (d.spec() == null || d.rows() == null) {
            throw new IllegalArgumentException(file + ": needs both 'spec' and 'rows'");
        }
        if (d.rows().size() != imageCount) {
            throw new IllegalArgumentException(
                    file
                            + ": has "
                            + d.rows().size()
                            + " rows but the store has "
                            + imageCount
                            + " images");
        }
        LabelSpec spec = d.spec();
        double[][] raw = new double[imageCount][];
        for (int i = 0; i < imageCount; i++) {
            double[] r = d.rows().get(i);
            String where = file + ", row " + i;
            if (r == null || r.length != spec.groups().size()) {
                throw new IllegalArgumentException(
                        where
                                + ": has "
                                + (r == null ? 0 : r.length)
                                + " values, expected "
                                + spec.groups().size()
                                + " "
                                + spec.names());
            }
            Labels.Builder b = Labels.builder();
            for (int g = 0; g < r.length; g++) {
                b.put(spec.groups().get(g).name(), r[g]);
            }
            raw[i] = spec.raw(b.build(), where);
        }
        return new LabelTable(spec, raw);
    }
}
