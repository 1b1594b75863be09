package io.pggan.metrics.tracking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.gan.training.GanState;
import io.pggan.gan.training.PgganTrainer;
import io.pggan.gan.training.TrainingListener;
import io.pggan.gan.training.TrainingProgress;
import io.pggan.io.ImageGrid;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Tracks metrics while a PGGAN trains: every {@code everyKimg} (the tracker's setting) and at the
 * end, the moving-average generator Gs renders a fixed set of latents at the current resolution and
 * fade-in, nearest-upsampled to the final resolution as the official code does, and the {@link
 * MetricTracker} scores them (it keeps the history across resumed sessions and writes the one
 * {@code metrics.csv}). Each evaluation also saves a {@link ProgressGrid} of the first latents at
 * the current resolution.
 *
 * <pre>{@code
 * MetricTracker tracker = new MetricTracker(RealReference.compute(config, reals, features), dir);
 * gan.train(store, new GanMetricsListener(gan.state(), tracker, latents, dir.resolve("progress"), 8));
 * }</pre>
 */
public final class GanMetricsListener implements TrainingListener {
    private final GanState state;
    private final MetricTracker tracker;
    private final float[] latents;
    private final int count;
    private final int dim;
    private final Path progressDir;
    private final int gridImages;
    private BiConsumer<TrainingProgress, MetricRecord> onRecord = (p, r) -> {};

    /**
     * Creates the listener.
     *
     * @param state the GAN being trained
     * @param tracker scores the samples
     * @param latents fixed latents: the tracker's sample size times the latent size, row-major
     * @param progressDir where the progress grids go, or null for none
     * @param gridImages latents shown in each progress grid
     */
    public GanMetricsListener(
            GanState state,
            MetricTracker tracker,
            float[] latents,
            Path progressDir,
            int gridImages) {
        this.state = state;
        this.tracker = tracker;
        this.dim = state.config().architecture().latentDim();
        this.count = tracker.reference().config().sampleSize();
        if (latents.length != count * dim) {
            throw new IllegalArgumentException(
                    "expected "
                            + count
                            + " latents of "
                            + dim
                            + " values ("
                            + count * dim
                            + "), got "
                            + latents.length
                            + " values");
        }
        this.latents = latents.clone();
        this.progressDir = progressDir;
        this.gridImages = Math.min(gridImages, count);
    }

    /**
     * Called with every new record while the scored Gs is still the current one (for example to
     * feed a {@link io.pggan.gan.training.BestGsSnapshot}).
     */
    public GanMetricsListener onRecord(BiConsumer<TrainingProgress, MetricRecord> consumer) {
        onRecord = java.util.Objects.requireNonNull(consumer, "consumer");
        return this;
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
        double recorded = tracker.lastKimg();
        if (last && !Double.isNaN(recorded) && kimg <= recorded) {
            return;
        }
        int[] offset = {0};
        var rec =
                last
                        ? java.util.Optional.of(
                                tracker.evaluate(kimg, (m, n) -> next(m, n, p, offset)))
                        : tracker.maybeEvaluate(kimg, (m, n) -> next(m, n, p, offset));
        rec.ifPresent(r -> onRecord.accept(p, r));
        if (rec.isPresent() && progressDir != null && gridImages > 0) {
            try (NDManager scope = state.manager().newSubManager()) {
                NDArray z =
                        scope.create(
                                Arrays.copyOf(latents, gridImages * dim),
                                new Shape(gridImages, dim));
                NDArray img =
                        PgganTrainer.generate(state, scope, z, p.resolution(), p.alpha(), false)
                                .clip(-1f, 1f);
                ImageGrid.write(
                        ProgressGrid.file(progressDir, kimg, p.resolution()), img, gridImages);
            }
        }
    }

    private NDArray next(NDManager m, int n, TrainingProgress p, int[] offset) {
        if (offset[0] + n > count) {
            throw new IllegalStateException("the tracker asked for more than " + count + " images");
        }
        float[] part = Arrays.copyOfRange(latents, offset[0] * dim, (offset[0] + n) * dim);
        offset[0] += n;
        NDArray z = m.create(part, new Shape(n, dim));
        return PgganTrainer.generate(state, m, z, p.resolution(), p.alpha(), true).clip(-1f, 1f);
    }
}
