package io.pggan.examples.adapters;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.gan.training.GanState;
import io.pggan.gan.training.PgganTrainer;
import io.pggan.gan.training.TrainingListener;
import io.pggan.gan.training.TrainingProgress;
import io.pggan.io.AtomicFiles;
import io.pggan.io.ImageGrid;
import io.pggan.io.Json;
import io.pggan.metrics.features.FeatureExtractor;
import io.pggan.metrics.fid.InceptionScore;
import io.pggan.metrics.fid.InceptionScoreResult;
import io.pggan.metrics.tracking.MetricRecord;
import io.pggan.metrics.tracking.MetricTracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Connects the GAN trainer to the metrics module: every {@code everyKimg} (the tracker's setting)
 * the moving-average generator renders a fixed set of latents at the current resolution and
 * fade-in, nearest-upsampled to the final resolution as the official code does, and the {@link
 * MetricTracker} scores them against the real reference. It also saves a small grid of the first
 * latents at the current resolution (the study's "samples per resolution", Fig. 1a).
 *
 * <p>The tracker keeps only its own session's records, so this listener merges them with the
 * records of earlier sessions ({@code history.json}) and rewrites {@code metrics.csv} / {@code
 * metrics.json} atomically: a resumed run keeps its whole curve.
 */
public final class MetricTrackingListener implements TrainingListener {
    private static final ObjectMapper JSON = Json.mapper();

    private final GanState state;
    private final MetricTracker tracker;
    private final float[] latents;
    private final int count;
    private final Path folder;
    private final List<MetricRecord> earlier;
    private final int gridImages;
    private final FeatureExtractor inception;
    private final List<MetricRecord> session = new ArrayList<>();
    private BiConsumer<TrainingProgress, MetricRecord> onRecord = (p, r) -> {};
    private int offset;

    /**
     * Creates the listener.
     *
     * @param state the GAN being trained
     * @param tracker scores the samples (its sample size is the number of latents used)
     * @param latents fixed latents, {@code count * latentDim} values
     * @param count number of latents (the tracker's sample size)
     * @param folder where {@code metrics.csv}, {@code metrics.json}, {@code history.json} and
     *     {@code progress/} go
     * @param gridImages latents shown in each progress grid
     * @param inception a model returning class logits for the Inception Score of the same samples
     *     ({@code is_mean}, {@code is_std}), or null for none
     */
    public MetricTrackingListener(
            GanState state,
            MetricTracker tracker,
            float[] latents,
            int count,
            Path folder,
            int gridImages,
            FeatureExtractor inception) {
        this.state = state;
        this.tracker = tracker;
        this.latents = latents.clone();
        this.count = count;
        this.folder = folder;
        this.gridImages = Math.min(gridImages, count);
        this.inception = inception;
        this.earlier = readHistory(folder.resolve("history.json"));
    }

    /**
     * Called with every new record while the scored Gs is still the current one (for example to
     * feed a {@link io.pggan.gan.training.BestGsSnapshot}).
     */
    public void onRecord(BiConsumer<TrainingProgress, MetricRecord> consumer) {
        onRecord = consumer;
    }

    /** Records of earlier sessions, so a resumed run's curve stays whole. */
    static List<MetricRecord> readHistory(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<MetricRecord>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metric history " + file, e);
        }
    }

    @Override
    public void onIteration(TrainingProgress p) {
        evaluate(p, false);
    }

    @Override
    public void onEnd(TrainingProgress p) {
        evaluate(p, true);
    }

    private void evaluate(TrainingProgress p, boolean last) {
        double kimg = p.kimg();
        if (!earlier.isEmpty() && kimg <= earlier.get(earlier.size() - 1).kimg()) {
            return;
        }
        int dim = state.config().architecture().latentDim();
        offset = 0;
        try (NDManager scope = state.manager().newSubManager()) {
            var rec =
                    last
                            ? Optional.of(tracker.evaluate(kimg, (m, n) -> next(m, n, p)))
                            : tracker.maybeEvaluate(kimg, (m, n) -> next(m, n, p));
            if (rec.isEmpty()) {
                return;
            }
            MetricRecord r = rec.get();
            if (inception != null) {
                Map<String, Double> values = new LinkedHashMap<>(r.values());
                InceptionScoreResult is = inceptionScore(p);
                values.put("is_mean", is.mean());
                values.put("is_std", is.std());
                r = new MetricRecord(r.kimg(), r.timestamp(), r.seconds(), values);
            }
            session.add(r);
            onRecord.accept(p, r);
            NDArray z =
                    scope.create(
                            Arrays.copyOf(latents, gridImages * dim), new Shape(gridImages, dim));
            NDArray img =
                    PgganTrainer.generate(state, scope, z, p.resolution(), p.alpha(), false)
                            .clip(-1f, 1f);
            Path grid =
                    folder.resolve("progress")
                            .resolve(
                                    String.format(
                                            Locale.ROOT,
                                            "k%08d_r%04d.png",
                                            Math.round(kimg * 1000),
                                            p.resolution()));
            ImageGrid.write(grid, img, gridImages);
            writeMerged();
        } catch (IOException e) {
            throw new UncheckedIOException("metric tracking failed at " + kimg + " kimg", e);
        }
    }

    private NDArray next(NDManager m, int n, TrainingProgress p) {
        int dim = state.config().architecture().latentDim();
        if (offset + n > count) {
            throw new IllegalStateException("the tracker asked for more than " + count + " images");
        }
        float[] part = Arrays.copyOfRange(latents, offset * dim, (offset + n) * dim);
        offset += n;
        NDArray z = m.create(part, new Shape(n, dim));
        return PgganTrainer.generate(state, m, z, p.resolution(), p.alpha(), true).clip(-1f, 1f);
    }

    /** Inception Score of the tracked sample, from the model's logits. */
    private InceptionScoreResult inceptionScore(TrainingProgress p) {
        offset = 0;
        double[][] logits = new double[count][];
        try (NDManager m = state.manager().newSubManager()) {
            for (int i = 0; i < count; i += 32) {
                int n = Math.min(32, count - i);
                try (NDManager step = m.newSubManager()) {
                    NDArray f = inception.extract(next(step, n, p));
                    double[] flat = f.toType(DataType.FLOAT64, false).toDoubleArray();
                    int k = flat.length / n;
                    for (int j = 0; j < n; j++) {
                        logits[i + j] = Arrays.copyOfRange(flat, j * k, (j + 1) * k);
                    }
                }
            }
        }
        return InceptionScore.torchFidelity(logits, true);
    }

    private void writeMerged() throws IOException {
        List<MetricRecord> all = new ArrayList<>(earlier);
        all.addAll(session);
        AtomicFiles.writeString(folder.resolve("history.json"), JSON.writeValueAsString(all));
        Set<String> keys = new LinkedHashSet<>();
        for (MetricRecord r : all) {
            keys.addAll(r.values().keySet());
        }
        StringBuilder csv = new StringBuilder("kimg,seconds");
        for (String k : keys) {
            csv.append(',').append(k);
        }
        csv.append('\n');
        for (MetricRecord r : all) {
            csv.append(r.kimg()).append(',').append(r.seconds());
            for (String k : keys) {
                Double v = r.values().get(k);
                csv.append(',').append(v == null ? "" : v.toString());
            }
            csv.append('\n');
        }
        AtomicFiles.writeString(folder.resolve("metrics.csv"), csv.toString());
    }
}
