package io.pggan.metrics.features;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.pggan.metrics.fid.FeatureStatistics;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Streams images through a {@link FeatureExtractor} batch by batch, so that e.g. 50,000 images
 * never sit in memory at once: each batch lives in its own sub-manager, its features go into a
 * double-precision {@link FeatureStatistics} and, if asked, into kept rows.
 */
public final class FeatureStreams {
    private static final int PROGRESS_THRESHOLD = 2000;

    private FeatureStreams() {}

    /**
     * Extracts features of {@code total} images produced by {@code source} in batches.
     *
     * @param keepRows whether to keep every feature row (needed by KID, IS, precision/recall)
     */
    public static ExtractedFeatures fromSource(
            NDManager manager,
            FeatureExtractor extractor,
            ImageBatchSource source,
            int total,
            int batchSize,
            boolean keepRows) {
        if (total <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException(
                    "total and batchSize must be positive, got " + total + ", " + batchSize);
        }
        FeatureStatistics stats = new FeatureStatistics(extractor.dim());
        List<double[]> rows = keepRows ? new ArrayList<>(total) : null;
        try (ProgressBar pb = progress("features", total)) {
            int done = 0;
            while (done < total) {
                int n = Math.min(batchSize, total - done);
                try (NDManager step = manager.newSubManager()) {
                    NDArray images = source.next(step, n);
                    if (images.getShape().dimension() != 4 || images.getShape().get(0) != n) {
                        throw new IllegalStateException(
                                "image source returned shape "
                                        + images.getShape()
                                        + ", expected ["
                                        + n
                                        + ", C, H, W]");
                    }
                    consume(extractor, images, stats, rows);
                }
                done += n;
                if (pb != null) {
                    pb.stepTo(done);
                }
            }
        }
        return new ExtractedFeatures(stats, rows == null ? null : rows.toArray(new double[0][]));
    }

    /** Extracts features of every batch of an iterator; each batch array is closed after use. */
    public static ExtractedFeatures fromBatches(
            FeatureExtractor extractor, Iterator<NDArray> batches, boolean keepRows) {
        FeatureStatistics stats = new FeatureStatistics(extractor.dim());
        List<double[]> rows = keepRows ? new ArrayList<>() : null;
        while (batches.hasNext()) {
            NDArray images = batches.next();
            try (NDManager step = images.getManager().newSubManager()) {
                images.tempAttach(step);
                consume(extractor, images, stats, rows);
            }
            images.close();
        }
        if (stats.count() == 0) {
            throw new IllegalArgumentException("no image batches were given");
        }
        return new ExtractedFeatures(stats, rows == null ? null : rows.toArray(new double[0][]));
    }

    private static void consume(
            FeatureExtractor extractor,
            NDArray images,
            FeatureStatistics stats,
            List<double[]> rows) {
        if (images.getShape().dimension() != 4) {
            throw new IllegalArgumentException(
                    "image batches must be [N, C, H, W], got " + images.getShape());
        }
        NDArray x =
                images.getDataType() == DataType.FLOAT32
                        ? images
                        : images.toType(DataType.FLOAT32, false);
        NDArray f = extractor.extract(x);
        int n = (int) f.getShape().get(0);
        int d = extractor.dim();
        double[] flat = f.toType(DataType.FLOAT64, false).toDoubleArray();
        stats.add(flat, n);
        if (rows != null) {
            for (int i = 0; i < n; i++) {
                double[] r = new double[d];
                System.arraycopy(flat, i * d, r, 0, d);
                rows.add(r);
            }
        }
    }

    private static ProgressBar progress(String task, int total) {
        if (total < PROGRESS_THRESHOLD) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total).build();
    }
}
