package io.pggan.gan.training;

import io.pggan.io.AtomicFiles;
import io.pggan.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Gs snapshot with the best value of a tracked metric instead of the last one, as later
 * NVIDIA code reports its best snapshot: a short run stops wherever the GAN's tick-to-tick swings
 * leave it, and the best of its final-resolution snapshots is the better model to hand on.
 *
 * <p>Feed it a score each time a metric is evaluated ({@link #offer}), or give it a {@link Scorer}
 * and an interval and add it to {@link io.pggan.gan.Pggan#train} as a listener. Only snapshots at
 * the final resolution outside a fade-in are candidates (a lower-resolution Gs is another model). A
 * better score writes the whole run state as {@code best-gs-<kimg>.zip} (loadable with {@link
 * io.pggan.gan.Pggan#load}) and then {@code best-gs.json} (metric, goal, score, kimg, file), each
 * atomically; the JSON is written last and names the zip, so a reader never sees a score that is
 * not its snapshot's. A resumed run continues from the JSON's best.
 */
public final class BestGsSnapshot implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(BestGsSnapshot.class);

    /** Name of the record inside the folder. */
    public static final String RECORD = "best-gs.json";

    /** Whether lower or higher scores are better. */
    public enum Goal {
        /** Lower is better (SWD, FID, KID). */
        MINIMIZE,
        /** Higher is better (Inception Score, precision). */
        MAXIMIZE
    }

    /**
     * The best snapshot so far.
     *
     * @param metric name of the tracked metric
     * @param goal whether lower or higher is better
     * @param score its value
     * @param kimg thousands of real images shown when it was taken
     * @param iteration training iterations done
     * @param file the snapshot's file name inside the folder
     */
    public record Best(
            String metric, Goal goal, double score, double kimg, long iteration, String file) {}

    /** Computes a score of the current Gs (for self-scoring use as a listener). */
    @FunctionalInterface
    public interface Scorer {
        /** The metric's value for the Gs of this state at this point. */
        double score(GanState state, TrainingProgress progress);
    }

    private final GanState state;
    private final Path folder;
    private final String metric;
    private final Goal goal;
    private final double everyKimg;
    private final Scorer scorer;
    private Best best;
    private double lastScoredKimg = Double.NEGATIVE_INFINITY;

    /**
     * A snapshot keeper fed by {@link #offer}.
     *
     * @param state the run being trained
     * @param folder where {@code best-gs.json} and the snapshot go
     * @param metric name of the metric (recorded; a resumed run must track the same one)
     * @param goal whether lower or higher is better
     */
    public BestGsSnapshot(GanState state, Path folder, String metric, Goal goal) {
        this(state, folder, metric, goal, 0, null);
    }

    /**
     * A snapshot keeper that scores Gs itself every {@code everyKimg} while it is a candidate.
     *
     * @param everyKimg kimg between scores (> 0)
     * @param scorer computes the score
     */
    public BestGsSnapshot(
            GanState state,
            Path folder,
            String metric,
            Goal goal,
            double everyKimg,
            Scorer scorer) {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("metric must be named");
        }
        if (scorer != null && !(everyKimg > 0)) {
            throw new IllegalArgumentException("everyKimg must be > 0, got " + everyKimg);
        }
        this.state = state;
        this.folder = folder;
        this.metric = metric;
        this.goal = goal;
        this.everyKimg = everyKimg;
        this.scorer = scorer;
        this.best = read(folder).orElse(null);
        if (best != null && (!best.metric().equals(metric) || best.goal() != goal)) {
            throw new IllegalArgumentException(
                    folder.resolve(RECORD)
                            + " tracks "
                            + best.metric()
                            + " ("
                            + best.goal()
                            + "), not "
                            + metric
                            + " ("
                            + goal
                            + ")");
        }
        removeOrphans();
    }

    /** The best snapshot recorded in a folder, if any. */
    public static Optional<Best> read(Path folder) {
        Path file = folder.resolve(RECORD);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Best b = Json.mapper().readValue(file.toFile(), Best.class);
            if (b.file() == null
                    || !b.file().matches("best-gs-k\\d+\\.zip")
                    || b.metric() == null
                    || b.goal() == null) {
                throw new IllegalArgumentException(file + ": not a best-snapshot record");
            }
            return Optional.of(b);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The best snapshot's file in a folder, if any. */
    public static Optional<Path> snapshotFile(Path folder) {
        return read(folder).map(b -> folder.resolve(b.file()));
    }

    /** The best so far. */
    public Optional<Best> best() {
        return Optional.ofNullable(best);
    }

    /** Whether Gs at this point may be kept: the final resolution, outside a fade-in. */
    public boolean candidate(TrainingProgress p) {
        return p.resolution() == state.config().architecture().resolution() && !p.fadeIn();
    }

    /** Whether {@code score} beats the current best (non-finite scores never do). */
    public boolean beats(double score) {
        if (!Double.isFinite(score)) {
            return false;
        }
        if (best == null) {
            return true;
        }
        return goal == Goal.MINIMIZE ? score < best.score() : score > best.score();
    }

    /**
     * Offers the current Gs with its score; keeps it if it is a candidate and beats the best.
     *
     * @return whether it became the best
     */
    public boolean offer(TrainingProgress p, double score) {
        if (!candidate(p) || !beats(score)) {
            return false;
        }
        long nimg = Math.round(p.kimg() * 1000);
        String name = String.format(Locale.ROOT, "best-gs-k%09d.zip", nimg);
        Best next = new Best(metric, goal, score, p.kimg(), p.iteration(), name);
        Checkpoints.write(state, folder.resolve(name));
        Json.write(folder.resolve(RECORD), next);
        Best previous = best;
        best = next;
        if (previous != null && !previous.file().equals(name)) {
            AtomicFiles.deleteQuietly(folder.resolve(previous.file()));
        }
        LOG.info(
                "best Gs so far: {} {} at {} kimg ({})",
                metric,
                String.format(Locale.ROOT, "%.4g", score),
                String.format(Locale.ROOT, "%.1f", p.kimg()),
                folder.resolve(name));
        return true;
    }

    @Override
    public void onIteration(TrainingProgress p) {
        if (scorer == null || !candidate(p) || p.kimg() < lastScoredKimg + everyKimg) {
            return;
        }
        lastScoredKimg = p.kimg();
        offer(p, scorer.score(state, p));
    }

    @Override
    public void onEnd(TrainingProgress p) {
        if (scorer != null && candidate(p) && p.kimg() > lastScoredKimg) {
            lastScoredKimg = p.kimg();
            offer(p, scorer.score(state, p));
        }
    }

    /** Snapshots a crash left behind that the record does not name. */
    private void removeOrphans() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "best-gs-k*.zip")) {
            for (Path f : files) {
                if (best == null || !f.getFileName().toString().equals(best.file())) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
