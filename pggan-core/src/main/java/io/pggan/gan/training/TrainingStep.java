package io.pggan.gan.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.data.LabeledMinibatch;
import io.pggan.data.MinibatchSource;
import io.pggan.data.labels.LabelTable;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.network.Discriminator;
import io.pggan.gan.network.Generator;
import io.pggan.gan.network.NetworkParameters;
import io.pggan.gan.network.Ops;
import io.pggan.gan.network.ProgressiveNetwork;
import io.pggan.gan.network.ReplicaParameterStore;
import io.pggan.gan.training.TrainingSchedule.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training iteration of the official loop: a D step (WGAN-GP + drift), the Gs moving-average
 * update, then a G step, data-parallel over replicas (the minibatch is split evenly, each replica
 * computes its losses and the gradients are averaged on the main device), with updates whose
 * gradients are not finite or outlying skipped.
 */
final class TrainingStep {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingStep.class);

    private final GanState state;
    private final PgganConfig config;
    private final Device[] devices;
    private final Device mainDevice;
    private Position pos;
    private boolean gradientsDefined;
    double dLoss = Double.NaN;
    double gLoss = Double.NaN;
    double penalty = Double.NaN;

    TrainingStep(GanState state, Device[] devices) {
        this.state = state;
        this.config = state.config();
        this.devices = devices;
        this.mainDevice = devices[0];
    }

    private int replicas() {
        return devices.length;
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

    /** Runs one iteration at a schedule position; the losses land in the public fields. */
    void iterate(MinibatchSource source, TrainingCounters c, Position position) {
        pos = position;
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
            NDArray reals;
            NDArray realLabels = null;
            if (config.conditional()) {
                LabeledMinibatch mb = source.labeledMinibatch(step, r, n, rnd);
                reals = mb.images();
                realLabels = mb.labels();
                Shape lw = new Shape(n, config.labelSize());
                if (!realLabels.getShape().equals(lw)) {
                    throw new IllegalStateException(
                            "minibatch source returned labels "
                                    + realLabels.getShape()
                                    + ", expected "
                                    + lw);
                }
            } else {
                reals = source.minibatch(step, r, n, rnd);
            }
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
            // G's labels: those of random training images (the official get_random_labels)
            NDArray gLabels = null;
            if (config.conditional()) {
                LabelTable table = source.labels();
                gLabels =
                        step.create(
                                table.encoded(table.randomRows(rnd, n)),
                                new Shape(n, config.labelSize()));
            }

            int reps = replicas();
            List<Replica> rs = new ArrayList<>();
            for (int k = 0; k < reps; k++) {
                rs.add(replica(k, step));
            }
            NDList realShards = reps == 1 ? new NDList(reals) : reals.split(reps);
            NDList zdShards = reps == 1 ? new NDList(zD) : zD.split(reps);
            NDList uShards = reps == 1 ? new NDList(u) : u.split(reps);
            NDList zgShards = reps == 1 ? new NDList(zG) : zG.split(reps);
            NDList rlShards = shards(realLabels, reps);
            NDList glShards = shards(gLabels, reps);

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
                                onDevice(rlShards, k, rep),
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
                                onDevice(glShards, k, rep),
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

    private static NDList shards(NDArray a, int reps) {
        if (a == null) {
            return null;
        }
        return reps == 1 ? new NDList(a) : a.split(reps);
    }

    private static NDArray onDevice(NDList shards, int k, Replica rep) {
        return shards == null ? null : shards.get(k).toDevice(rep.device(), false);
    }

    /** D loss and penalty of one shard; accumulates the shard's gradients times {@code weight}. */
    private double[] dStep(
            Replica rep,
            NDArray reals,
            NDArray z,
            NDArray labels,
            NDArray u,
            int r,
            float alpha,
            float weight) {
        // Fakes for D come from the training G, without a graph (grad mode is off here), made
        // with the reals' labels as the official D_wgangp_acgan makes them.
        NDArray fakes =
                labels == null
                        ? state.generator().forward(rep.gStore(), z, r, alpha, false)
                        : state.generator().forward(rep.gStore(), z, labels, r, alpha, false);
        WganGpLoss.Terms t =
                WganGpLoss.discriminator(
                        state.discriminator(),
                        rep.dStore(),
                        rep.dLeaves(),
                        reals,
                        fakes,
                        labels,
                        u,
                        r,
                        alpha,
                        config,
                        weight,
                        true);
        return new double[] {t.loss(), t.penalty()};
    }

    private double gStep(Replica rep, NDArray z, NDArray labels, int r, float alpha, float weight) {
        return WganGpLoss.generator(
                state.generator(),
                rep.gStore(),
                state.discriminator(),
                rep.dStore(),
                rep.dLeaves(),
                z,
                labels,
                config.labels(),
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
}
