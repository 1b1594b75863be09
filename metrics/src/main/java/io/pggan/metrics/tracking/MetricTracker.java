package io.pggan.metrics.tracking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import io.pggan.io.Csv;
import io.pggan.io.Json;
import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.features.ImageBatchSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records GAN metrics during training (the curves of the study's Fig. 2). Independent of the GAN:
 * call {@link #maybeEvaluate(double, ImageBatchSource)} with the training progress in kimg and a
 * source of generated images (ideally from fixed latents); every {@code everyKimg} it takes {@code
 * sampleSize} images, scores them with every chosen {@link TrackedMetric} against the {@link
 * RealReference}, and rewrites {@code metrics.csv} and {@code metrics.json} in its folder
 * atomically ({@code config.json} and {@code reals.json} are written at start).
 *
 * <p>It owns the run's whole history: records an earlier session wrote to {@code metrics.json} are
 * read back, so a resumed run continues its curve, and an evaluation at or before a recorded kimg
 * replaces the records from there on.
 */
public final class MetricTracker {
    private static final Logger LOG = LoggerFactory.getLogger(MetricTracker.class);
    static final String CSV = "metrics.csv";
    static final String HISTORY = "metrics.json";

    private final TrackerConfig config;
    private final RealReference reference;
    private final Path outDir;
    private final List<MetricRecord> history;

    /**
     * Creates a tracker writing to {@code outDir}, continuing the history found there, and writes
     * {@code config.json} and {@code reals.json}.
     */
    public MetricTracker(RealReference reference, Path outDir) {
        this.config = reference.config();
        this.reference = reference;
        this.outDir = outDir;
        this.history = new ArrayList<>(readHistory(outDir.resolve(HISTORY)));
        Json.write(outDir.resolve("config.json"), config);
        Json.write(outDir.resolve("reals.json"), reference.values());
    }

    /** The {@code metrics.csv} a tracker writes in its folder {@code outDir}. */
    public static Path csvFile(Path outDir) {
        return outDir.resolve(CSV);
    }

    /** The records a tracker wrote to its folder {@code outDir}; empty if none. */
    public static List<MetricRecord> readHistoryIn(Path outDir) {
        return readHistory(outDir.resolve(HISTORY));
    }

    /** The records a tracker wrote to a folder ({@code metrics.json}); empty if none. */
    public static List<MetricRecord> readHistory(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Json.mapper().readValue(file.toFile(), new TypeReference<>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the metric history " + file + ": " + e.getMessage(), e);
        }
    }

    /** kimg of the last record, or NaN if there is none. */
    public double lastKimg() {
        return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).kimg();
    }

    /** Evaluates if {@code everyKimg} has passed since the last record (or there is none). */
    public Optional<MetricRecord> maybeEvaluate(double kimg, ImageBatchSource generator) {
        double last = lastKimg();
        if (!Double.isNaN(last) && kimg < last + config.everyKimg()) {
            return Optional.empty();
        }
        return Optional.of(evaluate(kimg, generator));
    }

    /** Evaluates {@code sampleSize} images of the source now and records them. */
    public MetricRecord evaluate(double kimg, ImageBatchSource generator) {
        long t0 = System.nanoTime();
        return record(kimg, generate(generator), t0);
    }

    /** Evaluates a sample of exactly {@code sampleSize} images now and records it. */
    public MetricRecord evaluate(double kimg, Uint8Images fakes) {
        if (fakes.count() != config.sampleSize()) {
            throw new IllegalArgumentException(
                    "the sample must hold sampleSize = "
                            + config.sampleSize()
                            + " images, got "
                            + fakes.shapeString());
        }
        return record(kimg, fakes, System.nanoTime());
    }

    private MetricRecord record(double kimg, Uint8Images fakes, long t0) {
        fakes.requireSameImageShape(reference.images(), "metric tracker");
        Map<String, Double> values = reference.score(fakes);
        double seconds = (System.nanoTime() - t0) / 1e9;
        MetricRecord rec = new MetricRecord(kimg, Instant.now().toString(), seconds, values);
        history.removeIf(r -> r.kimg() >= kimg);
        history.add(rec);
        write();
        LOG.info(
                "metrics at {} kimg ({} s): {}",
                kimg,
                String.format(Locale.ROOT, "%.1f", seconds),
                values);
        return rec;
    }

    private Uint8Images generate(ImageBatchSource generator) {
        List<Uint8Images> parts = new ArrayList<>();
        int done = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            while (done < config.sampleSize()) {
                int n = Math.min(config.batchSize(), config.sampleSize() - done);
                try (NDManager step = manager.newSubManager()) {
                    NDArray images = generator.next(step, n);
                    if (images.getShape().dimension() != 4 || images.getShape().get(0) != n) {
                        throw new IllegalStateException(
                                "generator returned shape "
                                        + images.getShape()
                                        + ", expected ["
                                        + n
                                        + ", C, H, W]");
                    }
                    parts.add(Uint8Images.fromSigned(images));
                }
                done += n;
            }
        }
        return Uint8Images.concat(parts);
    }

    private void write() {
        Set<String> keys = new LinkedHashSet<>();
        for (MetricRecord r : history) {
            keys.addAll(r.values().keySet());
        }
        List<String> header = new ArrayList<>(List.of("kimg", "timestamp", "seconds"));
        header.addAll(keys);
        Csv.Table csv = Csv.table(header);
        for (MetricRecord r : history) {
            List<Object> row = new ArrayList<>(List.of(r.kimg(), r.timestamp(), r.seconds()));
            for (String k : keys) {
                row.add(r.values().get(k));
            }
            csv.row(row);
        }
        csv.write(outDir.resolve(CSV));
        Json.write(outDir.resolve(HISTORY), history);
    }

    /** Every record, earlier sessions' included, in kimg order. */
    public List<MetricRecord> history() {
        return List.copyOf(history);
    }

    /** The real reference the samples are scored against. */
    public RealReference reference() {
        return reference;
    }
}
