package io.pggan.gan.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.pggan.data.MinibatchSource;
import io.pggan.gan.LatentSampler;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.network.Discriminator;
import io.pggan.gan.network.Generator;
import io.pggan.gan.network.NetworkParameters;
import io.pggan.gan.network.Ops;
import io.pggan.gan.network.ProgressiveNetwork;
import io.pggan.gan.network.ReplicaParameterStore;
import io.pggan.gan.training.TrainingSchedule.Position;
import io.pggan.io.ImageGrid;
import java.nio.file.Path;
import java.util.ArrayList;
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
    private Position pos;
    private double dLoss = Double.NaN;
    private double gLoss = Double.NaN;
    private double penalty = Double.NaN;
    private boolean gradientsDefined;

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
            iterate(source, c);
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
                            dLoss,
                            gLoss);
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
                dLoss,
                gLoss,
                penalty,
                rate,
                rate > 0 ? remaining / rate : Double.POSITIVE_INFINITY);
    }

    /** Random draws of iteration i depend only on the seed and i (so resuming is exact). */
    static Random iterationRandom(long seed, long iteration) {
        long z = seed * 0x9E3779B97F4A7C15L + iteration;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    static NDArray gaussian(NDManager m, Random rnd, int n, int dim) {
        float[] v = new float[n * dim];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return m.create(v, new Shape(n, dim));
    }

    /** One replica's view of the parameters for this step. */
    private record Replica(
            Device device,
            ReplicaParameterStore gStore,
            ReplicaParameterStore dStore,
            List<NDArray> gLeaves,
            List<NDArray> dLeaves) {}

    private Replica replica(int k, NDManager step) {
        Generator g = state.generator();
        Discriminator d = state.discriminator();
        if (k == 0) {
            return new Replica(
                    mainDevice,
                    new ReplicaParameterStore(),
                    new ReplicaParameterStore(),
                    GanState.arrays(g),
                    GanState.arrays(d));
        }
        Device dev = devices[k];
        ReplicaParameterStore gs = new ReplicaParameterStore();
        ReplicaParameterStore ds = new ReplicaParameterStore();
        List<NDArray> gl = copies(g, gs, dev, step);
        List<NDArray> dl = copies(d, ds, dev, step);
        List<NDArray> all = new ArrayList<>(gl);
        all.addAll(dl);
        Autograd.defineGradients(all, step);
        return new Replica(dev, gs, ds, gl, dl);
    }

    private static List<NDArray> copies(
            ProgressiveNetwork net, ReplicaParameterStore store, Device dev, NDManager step) {
        List<NDArray> out = new ArrayList<>();
        for (ProgressiveNetwork.NamedParameter p : net.namedParameters()) {
            NDArray copy = Autograd.own(step, p.parameter().getArray().toDevice(dev, true));
            copy.setRequiresGradient(true);
            store.put(p.parameter(), copy);
            out.add(copy);
        }
        return out;
    }

    private void iterate(MinibatchSource source, TrainingCounters c) {
        Random rnd = iterationRandom(config.run().seed(), c.iteration);
        int n = pos.minibatch();
        int r = pos.resolution();
        float alpha = pos.alpha();
        int latent = config.architecture().latentDim();
        NDManager root = state.manager();
        if (!gradientsDefined) {
            try (NDManager tmp = root.newSubManager()) {
                List<NDArray> all = new ArrayList<>(GanState.arrays(state.generator()));
                all.addAll(GanState.arrays(state.discriminator()));
                Autograd.defineGradients(all, tmp);
            }
            gradientsDefined = true;
        }
        try (NDManager step = root.newSubManager()) {
            NDArray reals = source.minibatch(step, r, n, rnd);
            Shape want = new Shape(n, config.architecture().channels(), r, r);
            if (!reals.getShape().equals(want)) {
                throw new IllegalStateException(
                        "minibatch source returned " + reals.getShape() + ", expected " + want);
            }
            if (config.run().mirror()) {
                float[] flip = new float[n];
                for (int i = 0; i < n; i++) {
                    flip[i] = rnd.nextBoolean() ? 1f : 0f;
                }
                NDArray mask = step.create(flip, new Shape(n, 1, 1, 1));
                reals = reals.add(reals.flip(3).sub(reals).mul(mask));
            }
            reals = Ops.fadeReals(reals, alpha);
            NDArray zD = gaussian(step, rnd, n, latent);
            float[] uv = new float[n];
            for (int i = 0; i < n; i++) {
                uv[i] = rnd.nextFloat();
            }
            NDArray u = step.create(uv, new Shape(n, 1, 1, 1));
            NDArray zG = gaussian(step, rnd, n, latent);

            int reps = replicas();
            List<Replica> rs = new ArrayList<>();
            for (int k = 0; k < reps; k++) {
                rs.add(replica(k, step));
            }
            NDList realShards = reps == 1 ? new NDList(reals) : reals.split(reps);
            NDList zdShards = reps == 1 ? new NDList(zD) : zD.split(reps);
            NDList uShards = reps == 1 ? new NDList(u) : u.split(reps);
            NDList zgShards = reps == 1 ? new NDList(zG) : zG.split(reps);

            // D step
            List<NDArray> dMain = rs.get(0).dLeaves();
            Autograd.zeroGradients(dMain);
            double dSum = 0;
            double gpSum = 0;
            for (int k = 0; k < reps; k++) {
                Replica rep = rs.get(k);
                double[] out =
                        dStep(
                                rep,
                                realShards.get(k).toDevice(rep.device(), false),
                                zdShards.get(k).toDevice(rep.device(), false),
                                uShards.get(k).toDevice(rep.device(), false),
                                r,
                                alpha,
                                1f / reps);
                dSum += out[0];
                gpSum += out[1];
            }
            boolean dOk = applyUpdate(rs, true, pos.dLr(), step) && Double.isFinite(dSum);
            NetworkParameters.movingAverage(
                    state.averagedGenerator(),
                    state.generator(),
                    (float) config.optimizer().gsAverage().beta(c.nimg, n),
                    step);

            // G step
            Autograd.zeroGradients(rs.get(0).gLeaves());
            double gSum = 0;
            for (int k = 0; k < reps; k++) {
                Replica rep = rs.get(k);
                gSum +=
                        gStep(
                                rep,
                                zgShards.get(k).toDevice(rep.device(), false),
                                r,
                                alpha,
                                1f / reps);
            }
            boolean gOk = applyUpdate(rs, false, pos.gLr(), step) && Double.isFinite(gSum);
            dLoss = dSum / reps;
            penalty = gpSum / reps;
            gLoss = gSum / reps;
            if (dOk && gOk) {
                c.nonFiniteStreak = 0;
            } else {
                c.nonFiniteStreak++;
                c.skippedUpdates++;
                LOG.warn(
                        "iteration {} (res {}, alpha {}): update skipped: {}",
                        c.iteration,
                        r,
                        alpha,
                        nonFiniteTerms(dSum, gpSum, dOk, gSum, gOk));
            }
        }
    }

    /** Names the non-finite parts of an iteration, for the warning of a skipped update. */
    static String nonFiniteTerms(double dLoss, double gp, boolean dOk, double gLoss, boolean gOk) {
        List<String> bad = new ArrayList<>();
        if (!Double.isFinite(dLoss)) {
            bad.add("D loss not finite: " + dLoss);
        }
        if (!Double.isFinite(gp)) {
            bad.add("gradient penalty not finite: " + gp);
        }
        if (!dOk && Double.isFinite(dLoss)) {
            bad.add("D gradients not finite or outlying");
        }
        if (!Double.isFinite(gLoss)) {
            bad.add("G loss not finite: " + gLoss);
        }
        if (!gOk && Double.isFinite(gLoss)) {
            bad.add("G gradients not finite or outlying");
        }
        return String.join(", ", bad);
    }

    /** D loss and penalty of one shard; accumulates the shard's gradients times {@code weight}. */
    private double[] dStep(
            Replica rep, NDArray reals, NDArray z, NDArray u, int r, float alpha, float weight) {
        // Fakes for D come from the training G, without a graph (grad mode is off here).
        NDArray fakes = state.generator().forward(rep.gStore(), z, r, alpha, false);
        WganGpLoss.Terms t =
                WganGpLoss.discriminator(
                        state.discriminator(),
                        rep.dStore(),
                        rep.dLeaves(),
                        reals,
                        fakes,
                        u,
                        r,
                        alpha,
                        config,
                        weight,
                        true);
        return new double[] {t.loss(), t.penalty()};
    }

    private double gStep(Replica rep, NDArray z, int r, float alpha, float weight) {
        return WganGpLoss.generator(
                state.generator(),
                rep.gStore(),
                state.discriminator(),
                rep.dStore(),
                rep.dLeaves(),
                z,
                r,
                alpha,
                weight);
    }

    /** Averages replica gradients onto the main arrays, checks them and applies Adam. */
    private boolean applyUpdate(
            List<Replica> rs, boolean discriminator, double lr, NDManager step) {
        List<NDArray> main = discriminator ? rs.get(0).dLeaves() : rs.get(0).gLeaves();
        List<NDArray> grads = new ArrayList<>(main.size());
        for (NDArray a : main) {
            grads.add(Autograd.gradient(a, step));
        }
        for (int k = 1; k < rs.size(); k++) {
            List<NDArray> leaves = discriminator ? rs.get(k).dLeaves() : rs.get(k).gLeaves();
            for (int i = 0; i < leaves.size(); i++) {
                NDArray g = Autograd.gradient(leaves.get(i), step);
                grads.get(i).addi(g.toDevice(mainDevice, false));
            }
        }
        List<NDArray> squares = new ArrayList<>(grads.size());
        NDList sums = new NDList(grads.size());
        for (NDArray g : grads) {
            NDArray sq = g.square();
            squares.add(sq);
            sums.add(sq.sum());
        }
        // The squared norm is what Adam's second moment sees: if it overflows, so would v.
        double norm = Math.sqrt(NDArrays.stack(sums).sum().getFloat());
        if (!Double.isFinite(norm) || isOutlier(discriminator, norm)) {
            return false;
        }
        AdamOptimizer adam = discriminator ? state.adamD() : state.adamG();
        adam.update(main, grads, squares, lr, step);
        return true;
    }

    /**
     * Whether a gradient norm is far above the network's running average, which then follows the
     * accepted norms (an exponential average over ~20 updates). Such updates are corrupted
     * gradients, not signal: see {@link io.pggan.gan.OptimizerConfig#gradientOutlierRatio()}.
     */
    private boolean isOutlier(boolean discriminator, double norm) {
        TrainingCounters c = state.counters();
        double avg = discriminator ? c.dGradientNorm : c.gGradientNorm;
        double ratio = config.optimizer().gradientOutlierRatio();
        if (ratio > 0 && avg > 0 && norm > ratio * avg) {
            LOG.warn(
                    "iteration {}: {} gradient norm {} is {} times its running average {};"
                            + " update skipped",
                    c.iteration,
                    discriminator ? "D" : "G",
                    String.format("%.3g", norm),
                    String.format("%.3g", norm / avg),
                    String.format("%.3g", avg));
            c.outlierUpdates++;
            return true;
        }
        avg = avg > 0 ? 0.95 * avg + 0.05 * norm : norm;
        if (discriminator) {
            c.dGradientNorm = avg;
        } else {
            c.gGradientNorm = avg;
        }
        return false;
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
            NDArray images = generate(state, step, z, pos.resolution(), pos.alpha(), true);
            ImageGrid.write(file, images, cols);
        }
    }

    /** Latents per Gs forward pass when sampling: memory is bounded by one such chunk. */
    public static final int SAMPLE_CHUNK = 32;

    /**
     * Gs images of the latents, in chunks of {@link #SAMPLE_CHUNK} whose activations are released
     * before the next one, optionally nearest-upsampled to the final resolution.
     *
     * @param state the run
     * @param step owner of the result
     * @param z latents {@code [N, latentDim]}
     * @param resolution resolution to run Gs at
     * @param alpha fade-in weight
     * @param fullSize upsample to the final resolution (as the official Gs output)
     * @return images {@code [N, C, res, res]}
     */
    public static NDArray generate(
            GanState state,
            NDManager step,
            NDArray z,
            int resolution,
            float alpha,
            boolean fullSize) {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            ReplicaParameterStore ps = new ReplicaParameterStore();
            long n = z.getShape().get(0);
            int size = fullSize ? state.config().architecture().resolution() : resolution;
            NDArray out = null;
            for (long i = 0; i < n; i += SAMPLE_CHUNK) {
                long end = Math.min(n, i + SAMPLE_CHUNK);
                try (NDManager chunk = state.manager().newSubManager()) {
                    NDArray zi = z.get(i + ":" + end);
                    zi.attach(chunk);
                    zi = zi.toDevice(state.manager().getDevice(), false);
                    zi.attach(chunk);
                    NDArray img =
                            state.averagedGenerator().forward(ps, zi, resolution, alpha, false);
                    for (int s = resolution;
                            fullSize && s < state.config().architecture().resolution();
                            s *= 2) {
                        img = Ops.upsample2(img);
                    }
                    if (n <= SAMPLE_CHUNK) {
                        img.attach(step);
                        return img;
                    }
                    if (out == null) {
                        out =
                                step.zeros(
                                        new Shape(
                                                n,
                                                state.config().architecture().channels(),
                                                size,
                                                size),
                                        img.getDataType(),
                                        img.getDevice());
                    }
                    out.set(new NDIndex(i + ":" + end), img);
                }
            }
            return out;
        } finally {
            JniUtils.setGradMode(was);
        }
    }
}
