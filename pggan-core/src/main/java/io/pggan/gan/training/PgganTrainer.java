package io.pggan.gan.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.pggan.data.MinibatchSource;
import io.pggan.data.labels.LabelSpec;
import io.pggan.data.labels.LabelTable;
import io.pggan.gan.LatentSampler;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.training.TrainingSchedule.Position;
import io.pggan.io.ImageGrid;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The official training loop: per iteration one D step (WGAN-GP + drift), the Gs moving-average
 * update, then one G step; schedule re-evaluated every {@code minibatchRepeats} iterations, Adam
 * reset when a fade-in starts or ends, updates with non-finite gradients skipped, ticks with image
 * snapshots, and atomic checkpoints. Data-parallel over replicas: the minibatch is split evenly,
 * every replica computes its losses (penalty included) and the gradients are averaged on the main
 * device.
 */
public final class PgganTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(PgganTrainer.class);

    /** Name of the checkpoint file inside the run folder. */
    public static final String CHECKPOINT = "checkpoint.zip";

    private final GanState state;
    private final PgganConfig config;
    private final Path runDir;
    private final List<TrainingListener> listeners;
    private final Device[] devices;
    private final Device mainDevice;
    private final TrainingStep step;
    private Position pos;
    private LabelTable snapshotLabels;

    /**
     * @param state networks, optimizers and counters
     * @param runDir folder for checkpoints and snapshots, or null for none
     * @param listeners progress receivers
     */
    public PgganTrainer(GanState state, Path runDir, List<TrainingListener> listeners) {
        this.state = state;
        this.config = state.config();
        this.runDir = runDir;
        this.listeners = List.copyOf(listeners);
        this.mainDevice = state.manager().getDevice();
        Device[] visible = Engine.getInstance().getDevices();
        int n = config.run().replicas() == 0 ? visible.length : config.run().replicas();
        devices = new Device[n];
        for (int i = 0; i < n; i++) {
            devices[i] = i == 0 ? mainDevice : visible[i % visible.length];
        }
        step = new TrainingStep(state, devices);
    }

    /** Number of data-parallel replicas. */
    public int replicas() {
        return devices.length;
    }

    /** The checkpoint file of the run folder. */
    public Path checkpointFile() {
        return runDir == null ? null : runDir.resolve(CHECKPOINT);
    }

    /**
     * Trains until the schedule's length or the iteration budget is reached.
     *
     * @param source real images
     * @param maxIterations iterations to run at most in this call
     * @return the counters afterwards
     * @throws TrainingDivergedException after too many consecutive non-finite iterations
     */
    public TrainingCounters train(MinibatchSource source, long maxIterations) {
        checkSource(source);
        TrainingCounters c = state.counters();
        TrainingSchedule sched = config.schedule();
        long total = sched.totalImages();
        long startIteration = c.iteration;
        long sessionStartNimg = c.nimg;
        long t0 = System.nanoTime();
        long last = t0;
        JniUtils.setGradMode(false);
        String gsMismatch =
                config.optimizer()
                        .gsAverage()
                        .mismatch(sched, config.architecture().resolution(), replicas());
        if (gsMismatch != null) {
            LOG.warn(gsMismatch);
        }
        pos = state.position(replicas());
        boolean checkpointed = false;
        while (c.nimg < total && c.iteration - startIteration < maxIterations) {
            if (c.iteration % sched.minibatchRepeats() == 0) {
                c.scheduleNimg = c.nimg;
                pos = state.position(replicas());
                boolean newLod =
                        Math.floor(pos.lod()) != Math.floor(c.prevLod)
                                || Math.ceil(pos.lod()) != Math.ceil(c.prevLod);
                if (config.optimizer().resetOptimizerOnLodChange() && newLod) {
                    state.adamG().reset();
                    state.adamD().reset();
                }
                c.prevLod = pos.lod();
            }
            step.iterate(source, c, pos);
            c.iteration++;
            c.nimg += pos.minibatch();
            long now = System.nanoTime();
            c.trainingSeconds += (now - last) / 1e9;
            last = now;
            TrainingProgress p = progress(c, sessionStartNimg, (now - t0) / 1e9);
            for (TrainingListener l : listeners) {
                l.onIteration(p);
            }
            if (c.nonFiniteStreak >= config.run().maxNonFiniteIterations()) {
                Path ck = checkpointFile();
                throw new TrainingDivergedException(
                        "training stopped: losses or gradients were not finite for "
                                + c.nonFiniteStreak
                                + " consecutive iterations (at iteration "
                                + c.iteration
                                + ", "
                                + String.format("%.3f", c.nimg / 1000.0)
                                + " kimg, resolution "
                                + pos.resolution()
                                + "); "
                                + (ck == null
                                        ? "no checkpoint folder was set"
                                        : "the last good checkpoint is " + ck));
            }
            checkpointed = false;
            boolean done = c.nimg >= total;
            if (c.iteration % sched.minibatchRepeats() == 0 || done) {
                if (done || c.nimg >= c.tickStartNimg + Math.round(pos.tickKimg() * 1000)) {
                    c.ticks++;
                    c.tickStartNimg = c.nimg;
                    Path snap = null;
                    if (runDir != null
                            && config.run().imageSnapshotTicks() > 0
                            && c.ticks % config.run().imageSnapshotTicks() == 0) {
                        snap = runDir.resolve(String.format("fakes%06d.png", c.nimg / 1000));
                        writeSnapshot(snap);
                    }
                    LOG.info(
                            "tick {} kimg {} res {} alpha {} D {} G {}",
                            c.ticks,
                            String.format("%.1f", c.nimg / 1000.0),
                            pos.resolution(),
                            pos.alpha(),
                            step.dLoss,
                            step.gLoss);
                    for (TrainingListener l : listeners) {
                        l.onTick(p, snap);
                    }
                }
                if (runDir != null
                        && c.nonFiniteStreak == 0
                        && (done
                                || c.nimg - c.checkpointNimg
                                        >= Math.round(
                                                config.run().checkpointIntervalKimg() * 1000))) {
                    checkpoint(p);
                    checkpointed = true;
                }
            }
        }
        TrainingProgress p = progress(c, sessionStartNimg, (System.nanoTime() - t0) / 1e9);
        if (runDir != null
                && !checkpointed
                && c.nonFiniteStreak == 0
                && c.iteration > startIteration) {
            checkpoint(p);
        }
        for (TrainingListener l : listeners) {
            l.onEnd(p);
        }
        return c;
    }

    private void checkpoint(TrainingProgress p) {
        state.counters().checkpointNimg = state.counters().nimg;
        Path file = checkpointFile();
        Checkpoints.write(state, file);
        for (TrainingListener l : listeners) {
            l.onCheckpoint(p, file);
        }
    }

    private void checkSource(MinibatchSource source) {
        if (config.conditional()) {
            LabelTable t = source.labels();
            if (t == null) {
                throw new IllegalArgumentException(
                        "the model is conditional on labels "
                                + config.labels().names()
                                + " but the minibatch source has no labels");
            }
            String diff = LabelSpec.difference(t.spec(), config.labels());
            if (diff != null) {
                throw new IllegalArgumentException(
                        "the minibatch source's labels differ from the configuration's: "
                                + diff
                                + " (source versus configuration)");
            }
            if (t.size() != source.size()) {
                throw new IllegalArgumentException(
                        "the minibatch source has "
                                + source.size()
                                + " images but "
                                + t.size()
                                + " labels");
            }
            snapshotLabels = t;
        }
        if (source.channels() != config.architecture().channels()) {
            throw new IllegalArgumentException(
                    "minibatch source has "
                            + source.channels()
                            + " channels but the configuration has channels "
                            + config.architecture().channels());
        }
        if (source.maxResolution() < config.architecture().resolution()) {
            throw new IllegalArgumentException(
                    "minibatch source serves up to "
                            + source.maxResolution()
                            + "px but the configuration has resolution "
                            + config.architecture().resolution());
        }
    }

    private TrainingProgress progress(TrainingCounters c, long sessionStartNimg, double seconds) {
        double rate = seconds > 0 ? (c.nimg - sessionStartNimg) / seconds : 0;
        double remaining = Math.max(config.schedule().totalImages() - c.nimg, 0);
        return new TrainingProgress(
                c.iteration,
                c.nimg / 1000.0,
                config.schedule().totalKimg(),
                pos.resolution(),
                pos.alpha(),
                pos.lod(),
                pos.fadeIn(),
                pos.minibatch(),
                step.dLoss,
                step.gLoss,
                step.penalty,
                rate,
                rate > 0 ? remaining / rate : Double.POSITIVE_INFINITY);
    }

    /** Writes a grid of Gs samples of fixed latents at the current resolution and alpha. */
    void writeSnapshot(Path file) {
        int res = config.architecture().resolution();
        int cols = Math.min(Math.max(1920 / res, 3), 32);
        int rows = Math.min(Math.max(1080 / res, 2), 32);
        try (NDManager step = state.manager().newSubManager()) {
            NDArray z =
                    LatentSampler.latents(
                            step,
                            config.run().seed() ^ 0x5EEDL,
                            0,
                            cols * rows,
                            config.architecture().latentDim());
            NDArray labels = null;
            if (snapshotLabels != null) {
                // fixed training images' labels, so the grids of one run are comparable
                int[] rowsOf =
                        snapshotLabels.randomRows(new Random(config.run().seed()), cols * rows);
                labels =
                        step.create(
                                snapshotLabels.encoded(rowsOf),
                                new Shape(cols * rows, config.labelSize()));
            }
            NDArray images =
                    GsSampler.generate(state, step, z, labels, pos.resolution(), pos.alpha(), true);
            ImageGrid.write(file, images, cols);
        }
    }

    /** Latents per Gs forward pass when sampling ({@link GsSampler#SAMPLE_CHUNK}). */
    public static final int SAMPLE_CHUNK = GsSampler.SAMPLE_CHUNK;

    /**
     * Gs images of the latents ({@link GsSampler#generate}).
     *
     * @return images {@code [N, C, res, res]}
     */
    public static NDArray generate(
            GanState state,
            NDManager step,
            NDArray z,
            int resolution,
            float alpha,
            boolean fullSize) {
        return GsSampler.generate(state, step, z, resolution, alpha, fullSize);
    }
}
