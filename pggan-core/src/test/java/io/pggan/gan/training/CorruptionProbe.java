package io.pggan.gan.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.network.Ops;
import io.pggan.gan.network.ReplicaParameterStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Bisects the rare garbage gradients of D's backward pass. Each candidate is a small standalone
 * computation on torch-owned random inputs (shapes of D at res 32, fmapMax 32, batch 16, 1
 * channel), repeated forward+backward and compared to its first result.
 *
 * <p>-Dprobe.gc=none|between|start: no explicit GC, System.gc() between forward and backward
 * (forces the worst case), or System.gc() at the start of every repetition. -Dprobe.ops=comma list
 * (default all), -Dprobe.reps=N, -Dprobe.ck=checkpoint for the real D.
 */
@Tag("benchmark")
class CorruptionProbe {
    private static final int N = 16;
    private static final int C = 32;

    /** How scalar constants enter the graph. */
    private static boolean fullScalars;

    /**
     * x op scalar: DJL's NDArray.mul(Number) (a from_blob 0-d array closed at once) or torch::full.
     */
    static NDArray mulS(NDArray x, float s) {
        if (fullScalars) {
            return x.mul(x.getManager().full(new Shape(), s, x.getDataType()));
        }
        return x.mul(s);
    }

    static NDArray divS(NDArray x, float s) {
        if (fullScalars) {
            return x.div(x.getManager().full(new Shape(), s, x.getDataType()));
        }
        return x.div(s);
    }

    static NDArray conv(NDArray x, NDArray w, int stride, int pad) {
        return Conv2d.conv2d(
                        x,
                        w,
                        null,
                        new Shape(stride, stride),
                        new Shape(pad, pad),
                        new Shape(1, 1),
                        1)
                .singletonOrThrow();
    }

    static NDArray lrelu(NDArray x) {
        return Ops.lrelu(x);
    }

    static NDArray down2(NDArray x) {
        Shape s = x.getShape();
        return mulS(
                x.reshape(s.get(0), s.get(1), s.get(2) / 2, 2, s.get(3) / 2, 2)
                        .sum(new int[] {3, 5}),
                0.25f);
    }

    static NDArray mbstd(NDArray x, int g) {
        Shape s = x.getShape();
        long n = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3), m = n / g;
        NDArray y = x.reshape(g, m, c, h, w);
        y = y.sub(y.mean(new int[] {0}, true));
        y = y.square().mean(new int[] {0}).add(1e-8f).sqrt();
        y = divS(y.sum(new int[] {1, 2, 3}), (float) (c * h * w));
        y = y.reshape(1, m, 1, 1, 1).broadcast(g, m, 1, h, w).reshape(n, 1, h, w);
        return NDArrays.concat(new NDList(x, y), 1);
    }

    private NDArray rnd(NDManager m, float sd, long... shape) {
        return m.randomNormal(new Shape(shape)).mul(m.full(new Shape(), sd));
    }

    @Test
    void run() throws Exception {
        PgganEngine.start(Integer.getInteger("threads", 2));
        int reps = Integer.getInteger("probe.reps", 2000);
        String gcMode = System.getProperty("probe.gc", "none");
        String only = System.getProperty("probe.ops", "all");
        System.out.println(
                "probe gc="
                        + gcMode
                        + " reps="
                        + reps
                        + " KMP_BLOCKTIME="
                        + System.getenv("KMP_BLOCKTIME")
                        + " OMP_WAIT_POLICY="
                        + System.getenv("OMP_WAIT_POLICY")
                        + " interop="
                        + System.getProperty("ai.djl.pytorch.num_interop_threads"));
        try (NDManager root = NDManager.newBaseManager()) {
            // torch-owned constants (randomNormal/full are created by libtorch, not from_blob)
            NDArray w4 = rnd(root, 0.05f, C, C, 4, 4);
            NDArray w3 = rnd(root, 0.05f, C, C, 3, 3);
            NDArray w1 = rnd(root, 1f, C, 1, 1, 1);
            NDArray w4b = rnd(root, 0.05f, C, C + 1, 3, 3);
            NDArray wd0 = rnd(root, 0.05f, C * 16, C);
            NDArray wd1 = rnd(root, 0.2f, C, 1);
            Map<String, Object[]> ops = new LinkedHashMap<>();
            // name -> {input shape, function(x) -> output}
            put(ops, "convDown4x4s2", new long[] {N, C, 32, 32}, x -> conv(x, w4, 2, 1));
            put(ops, "conv1x1in1", new long[] {N, 1, 32, 32}, x -> conv(x, w1, 1, 0));
            put(ops, "conv3x3", new long[] {N, C, 32, 32}, x -> conv(x, w3, 1, 1));
            put(ops, "sliceGet", new long[] {N, C + 1, 4, 4}, x -> x.get(new NDIndex(":, :{}", C)));
            put(
                    ops,
                    "bcastReshape",
                    new long[] {1, 4, 1, 1, 1},
                    x -> x.broadcast(4, 4, 1, 4, 4).reshape(N, 1, 4, 4));
            put(
                    ops,
                    "concat",
                    new long[] {N, C, 4, 4},
                    x -> NDArrays.concat(new NDList(x, x.get(new NDIndex(":, :1"))), 1));
            put(
                    ops,
                    "meanSqrt",
                    new long[] {4, 4, C, 4, 4},
                    x ->
                            x.sub(x.mean(new int[] {0}, true))
                                    .square()
                                    .mean(new int[] {0})
                                    .add(1e-8f)
                                    .sqrt());
            put(ops, "lrelu", new long[] {N, C, 32, 32}, CorruptionProbe::lrelu);
            put(ops, "matMul", new long[] {N, C * 16}, x -> x.matMul(wd0));
            put(ops, "scalarAdd", new long[] {N, C, 8, 8}, x -> x.add(1e-8f));
            put(ops, "scalarMul", new long[] {N, C, 8, 8}, x -> mulS(x, 0.25f));
            put(ops, "scalarDiv", new long[] {N, C, 8, 8}, x -> divS(x, 512f));
            put(ops, "downsample2", new long[] {N, 1, 32, 32}, CorruptionProbe::down2);
            put(ops, "lerp", new long[] {N, C, 16, 16}, x -> x.add(mulS(x.neg().sub(x), 0.06f)));
            put(ops, "mbstd", new long[] {N, C, 4, 4}, x -> mbstd(x, 4));
            // D-like chain at res 32, alpha 0.06 (fused down convs, fade-in, mbstd, dense)
            BiFunction<NDArray, Boolean, NDArray> dchain =
                    (img, unused) -> {
                        NDArray x = lrelu(conv(img, w1, 1, 0));
                        x = lrelu(conv(lrelu(conv(x, w3, 1, 1)), w4, 2, 1));
                        NDArray q = lrelu(conv(down2(img), w1, 1, 0));
                        x = q.add(mulS(x.sub(q), 0.06f));
                        x = lrelu(conv(lrelu(conv(x, w3, 1, 1)), w4, 2, 1));
                        x = lrelu(conv(lrelu(conv(x, w3, 1, 1)), w4, 2, 1));
                        x = mbstd(x, 4);
                        x = lrelu(conv(x, w4b, 1, 1)).reshape(N, -1);
                        return lrelu(x.matMul(wd0)).matMul(wd1);
                    };
            put(ops, "dChain", new long[] {N, 1, 32, 32}, x -> dchain.apply(x, true));
            put(ops, "dChainFull", new long[] {N, 1, 32, 32}, x -> dchain.apply(x, true));

            for (Map.Entry<String, Object[]> e : ops.entrySet()) {
                String name = e.getKey();
                if (!only.equals("all") && !List.of(only.split(",")).contains(name)) {
                    continue;
                }
                fullScalars = name.endsWith("Full") || Boolean.getBoolean("probe.full");
                long[] shape = (long[]) e.getValue()[0];
                @SuppressWarnings("unchecked")
                java.util.function.Function<NDArray, NDArray> f =
                        (java.util.function.Function<NDArray, NDArray>) e.getValue()[1];
                loop(root, name, shape, f, reps, gcMode);
            }
            String ck = System.getProperty("probe.ck");
            if (ck != null && (only.equals("all") || only.contains("realD"))) {
                realD(root, ck, reps, gcMode);
            }
        }
    }

    private static void put(
            Map<String, Object[]> ops,
            String name,
            long[] shape,
            java.util.function.Function<NDArray, NDArray> f) {
        ops.put(name, new Object[] {shape, f});
    }

    private void loop(
            NDManager root,
            String name,
            long[] shape,
            java.util.function.Function<NDArray, NDArray> f,
            int reps,
            String gcMode)
            throws InterruptedException {
        NDArray x = root.randomNormal(new Shape(shape));
        x.setRequiresGradient(true);
        NDArray wOut = null;
        double[] ref = null;
        int bad = 0;
        long t0 = System.nanoTime();
        for (int k = 0; k < reps; k++) {
            if (gcMode.equals("start")) {
                System.gc();
            }
            try (NDManager s = root.newSubManager()) {
                JniUtils.zeroGrad((PtNDArray) x);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray view = x.reshape(x.getShape());
                    view.attach(s);
                    NDArray y = f.apply(view);
                    if (wOut == null) {
                        wOut = root.randomNormal(y.getShape()); // torch-owned, fixed
                    }
                    NDArray loss = y.mul(wOut).sum();
                    if (k > 0 && gcMode.equals("between")) {
                        System.gc();
                        Thread.sleep(2);
                    }
                    gc.backward(loss);
                }
                NDArray gi = x.getGradient();
                gi.attach(s);
                double[] cur = {gi.abs().max().getFloat(), gi.sum().getFloat()};
                if (ref == null) {
                    ref = cur;
                } else if (!(Math.abs(cur[0] - ref[0]) <= 1e-4 * Math.abs(ref[0])
                        && Math.abs(cur[1] - ref[1]) <= 1e-3 * Math.abs(ref[0]) * 16)) {
                    if (bad++ < 3) {
                        System.out.printf(
                                "  %s rep %d: %g %g vs %g %g%n",
                                name, k, cur[0], cur[1], ref[0], ref[1]);
                    }
                }
            }
        }
        System.out.printf(
                "RESULT %-14s full=%-5b gc=%-7s bad %d / %d  (%.1f ms/rep)%n",
                name, fullScalars, gcMode, bad, reps - 1, (System.nanoTime() - t0) / 1e6 / reps);
    }

    /** The real Discriminator from a checkpoint (GradDiag loop "A"), torch-owned parameters. */
    private void realD(NDManager root, String ck, int reps, String gcMode) throws Exception {
        GanState st = Checkpoints.read(Path.of(ck), root, null);
        for (var np : st.discriminator().namedParameters()) {
            NDArray old = np.parameter().getArray();
            old.intern(old.duplicate());
        }
        List<NDArray> d = GanState.arrays(st.discriminator());
        Autograd.requireGradients(d, false);
        var ps = new ReplicaParameterStore();
        NDArray img = root.randomNormal(new Shape(N, 1, 32, 32)).mul(root.full(new Shape(), 0.5f));
        img.setRequiresGradient(true);
        double[] ref = null;
        int bad = 0;
        for (int k = 0; k < reps; k++) {
            if (gcMode.equals("start")) {
                System.gc();
            }
            try (NDManager s = root.newSubManager()) {
                JniUtils.zeroGrad((PtNDArray) img);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray view = img.reshape(img.getShape());
                    view.attach(s);
                    NDArray loss =
                            st.discriminator().forward(ps, view, 32, 0.06f, true).mean().neg();
                    if (k > 0 && gcMode.equals("between")) {
                        System.gc();
                        Thread.sleep(2);
                    }
                    gc.backward(loss);
                }
                NDArray gi = img.getGradient();
                gi.attach(s);
                double[] cur = {gi.abs().max().getFloat(), gi.sum().getFloat()};
                if (ref == null) {
                    ref = cur;
                } else if (!(Math.abs(cur[0] - ref[0]) <= 1e-4 * Math.abs(ref[0])
                        && Math.abs(cur[1] - ref[1]) <= 1e-3 * Math.abs(ref[0]) * 16)) {
                    if (bad++ < 3) {
                        System.out.printf(
                                "  realD rep %d: %g %g vs %g %g%n",
                                k, cur[0], cur[1], ref[0], ref[1]);
                    }
                }
            }
        }
        System.out.printf("RESULT %-14s gc=%-7s bad %d / %d%n", "realD", gcMode, bad, reps - 1);
    }
}
