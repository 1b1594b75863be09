package io.pggan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.data.LabeledMinibatch;
import io.pggan.data.MinibatchSource;
import io.pggan.data.labels.LabelTable;
import java.util.Random;

/** A small in-memory image set for tests: soft random blobs, box-filtered per level. */
public final class InMemorySource implements MinibatchSource {
    private final int size;
    private final int channels;
    private final int resolution;
    private final float[][] images;
    private float override = Float.NaN;
    private boolean useOverride;
    private float gain = 1f;
    private LabelTable labels;

    public InMemorySource(int size, int channels, int resolution, long seed) {
        this.size = size;
        this.channels = channels;
        this.resolution = resolution;
        Random rnd = new Random(seed);
        images = new float[size][channels * resolution * resolution];
        for (int i = 0; i < size; i++) {
            double cx = rnd.nextDouble() * resolution;
            double cy = rnd.nextDouble() * resolution;
            double rad = resolution * (0.15 + 0.2 * rnd.nextDouble());
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < resolution; y++) {
                    for (int x = 0; x < resolution; x++) {
                        double d = Math.hypot(x - cx, y - cy) / rad;
                        images[i][(c * resolution + y) * resolution + x] =
                                (float) (2 * Math.exp(-d * d) - 1);
                    }
                }
            }
        }
    }

    /** From now on every pixel is this value (NaN to test the non-finite guard). */
    public void fill(float value) {
        override = value;
        useOverride = true;
    }

    /**
     * From now on every pixel is multiplied by this factor (finite, but far off the usual range).
     */
    public void scale(float factor) {
        gain = factor;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int maxResolution() {
        return resolution;
    }

    /** From now on the images have these labels. */
    public InMemorySource withLabels(LabelTable table) {
        table.checkCount(size, "in-memory source");
        labels = table;
        return this;
    }

    @Override
    public LabelTable labels() {
        return labels;
    }

    @Override
    public LabeledMinibatch labeledMinibatch(
            NDManager manager, int res, int batchSize, Random random) {
        int[] rows = new int[batchSize];
        NDArray images = draw(manager, res, batchSize, random, rows);
        return new LabeledMinibatch(
                images,
                manager.create(labels.encoded(rows), new Shape(batchSize, labels.spec().size())));
    }

    @Override
    public NDArray minibatch(NDManager manager, int res, int batchSize, Random random) {
        return draw(manager, res, batchSize, random, new int[batchSize]);
    }

    private NDArray draw(NDManager manager, int res, int batchSize, Random random, int[] rows) {
        int f = resolution / res;
        float[] out = new float[batchSize * channels * res * res];
        for (int b = 0; b < batchSize; b++) {
            rows[b] = random.nextInt(size);
            float[] img = images[rows[b]];
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < res; y++) {
                    for (int x = 0; x < res; x++) {
                        double sum = 0;
                        for (int dy = 0; dy < f; dy++) {
                            for (int dx = 0; dx < f; dx++) {
                                sum += img[(c * resolution + y * f + dy) * resolution + x * f + dx];
                            }
                        }
                        out[((b * channels + c) * res + y) * res + x] =
                                useOverride ? override : gain * (float) (sum / (f * f));
                    }
                }
            }
        }
        return manager.create(out, new Shape(batchSize, channels, res, res));
    }
}
