package io.pggan.gan.network;

import static io.pggan.gan.network.EqualizedLayer.HE_GAIN;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.pggan.engine.Scalars;
import io.pggan.gan.network.EqualizedConv2d.Mode;
import java.util.ArrayList;
import java.util.List;

/**
 * The PGGAN discriminator ({@code D_paper}): a WGAN critic, image to one linear score. A
 * conditional critic ({@code labelSize > 0}) has {@code 1 + labelSize} outputs in its last dense
 * layer, as the official hook: column 0 is the score, columns {@code 1..labelSize} the label logits
 * (discrete groups) and predictions (continuous groups) in the label vector's order.
 */
public final class Discriminator extends ProgressiveNetwork {
    private final List<EqualizedConv2d> fromRgb = new ArrayList<>();
    private final List<EqualizedConv2d> conv0 = new ArrayList<>();
    private final List<EqualizedConv2d> conv1 = new ArrayList<>();
    private final EqualizedConv2d conv4;
    private final EqualizedDense dense0;
    private final EqualizedDense dense1;
    private final int labelSize;

    /** Builds every layer of an unconditional critic. */
    public Discriminator(Architecture a) {
        this(a, 0);
    }

    /**
     * Builds every layer for the architecture's final resolution.
     *
     * @param labelSize length of the label vector (0 = unconditional)
     */
    public Discriminator(Architecture a, int labelSize) {
        super(a);
        if (labelSize < 0) {
            throw new IllegalArgumentException("labelSize must be >= 0, got " + labelSize);
        }
        this.labelSize = labelSize;
        fromRgb.add(
                layer(
                        "fromRGB4",
                        new EqualizedConv2d(a.channels(), a.nf(1), 1, HE_GAIN, Mode.SAME)));
        for (int lvl = 1; lvl < a.levels(); lvl++) {
            int res = 4 << lvl;
            fromRgb.add(
                    layer(
                            "fromRGB" + res,
                            new EqualizedConv2d(
                                    a.channels(), a.nf(lvl + 1), 1, HE_GAIN, Mode.SAME)));
            conv0.add(
                    layer(
                            "conv" + res + "a",
                            new EqualizedConv2d(
                                    a.nf(lvl + 1), a.nf(lvl + 1), 3, HE_GAIN, Mode.SAME)));
            Mode down = a.fusedScale() ? Mode.DOWN : Mode.SAME;
            conv1.add(
                    layer(
                            "conv" + res + "b",
                            new EqualizedConv2d(a.nf(lvl + 1), a.nf(lvl), 3, HE_GAIN, down)));
        }
        int extra = a.mbstdGroupSize() > 1 ? 1 : 0;
        conv4 =
                layer(
                        "conv4",
                        new EqualizedConv2d(a.nf(1) + extra, a.nf(1), 3, HE_GAIN, Mode.SAME));
        dense0 = layer("dense0", new EqualizedDense(a.nf(1) * 16, a.nf(0), HE_GAIN));
        dense1 = layer("dense1", new EqualizedDense(a.nf(0), 1 + labelSize, 1.0));
    }

    /** Length of the label vector (0 = unconditional). */
    public int labelSize() {
        return labelSize;
    }

    /** Pre-activations of one forward pass, kept for {@link #inputGradient}. */
    private static final class Tape {
        NDArray fromRgb;
        NDArray oldFromRgb;
        final NDArray[] conv0Pre;
        final NDArray[] conv1Pre;
        NDArray mbstdIn;
        NDArray conv4Pre;
        NDArray dense0Pre;

        Tape(int levels) {
            conv0Pre = new NDArray[levels];
            conv1Pre = new NDArray[levels];
        }
    }

    private NDArray block(ParameterStore ps, int lvl, NDArray x, boolean training, Tape t) {
        NDArray p1 = conv0.get(lvl - 1).apply(ps, x, training);
        NDArray p2 = conv1.get(lvl - 1).apply(ps, Ops.lrelu(p1), training);
        if (t != null) {
            t.conv0Pre[lvl] = p1;
            t.conv1Pre[lvl] = p2;
        }
        // Fused: conv, pool, bias, lrelu. Non-fused (official order): conv, bias, lrelu, pool.
        return architecture().fusedScale() ? Ops.lrelu(p2) : Ops.downsample2(Ops.lrelu(p2));
    }

    /** Adjoint of {@link #block} w.r.t. its input. */
    private NDArray blockAdjoint(ParameterStore ps, int lvl, NDArray delta, Tape t) {
        NDArray d2 =
                architecture().fusedScale()
                        ? Ops.lreluAdjoint(delta, t.conv1Pre[lvl])
                        : Ops.lreluAdjoint(Ops.downsampleAdjoint(delta), t.conv1Pre[lvl]);
        NDArray d1 = Ops.lreluAdjoint(conv1.get(lvl - 1).inputAdjoint(ps, d2), t.conv0Pre[lvl]);
        return conv0.get(lvl - 1).inputAdjoint(ps, d1);
    }

    @Override
    public NDArray forward(
            ParameterStore ps, NDArray img, int resolution, float alpha, boolean training) {
        return run(ps, img, resolution, alpha, training, null);
    }

    private NDArray run(
            ParameterStore ps, NDArray img, int resolution, float alpha, boolean training, Tape t) {
        int level = checkedLevel(resolution, alpha);
        Architecture a = architecture();
        Shape s = img.getShape();
        if (s.dimension() != 4
                || s.get(1) != a.channels()
                || s.get(2) != resolution
                || s.get(3) != resolution) {
            throw new IllegalArgumentException(
                    "images must be [N, "
                            + a.channels()
                            + ", "
                            + resolution
                            + ", "
                            + resolution
                            + "], got "
                            + s);
        }
        NDArray pre = fromRgb.get(level).apply(ps, img, training);
        NDArray x = Ops.lrelu(pre);
        if (t != null) {
            t.fromRgb = pre;
        }
        if (level > 0) {
            x = block(ps, level, x, training, t);
            if (alpha < 1f) {
                NDArray q = fromRgb.get(level - 1).apply(ps, Ops.downsample2(img), training);
                if (t != null) {
                    t.oldFromRgb = q;
                }
                x = Ops.lerp(Ops.lrelu(q), x, alpha);
            }
            for (int lvl = level - 1; lvl >= 1; lvl--) {
                x = block(ps, lvl, x, training, t);
            }
        }
        if (t != null) {
            t.mbstdIn = x;
        }
        if (a.mbstdGroupSize() > 1) {
            x = Ops.minibatchStddev(x, a.mbstdGroupSize());
        }
        NDArray p4 = conv4.apply(ps, x, training);
        NDArray p5 = dense0.apply(ps, Ops.lrelu(p4).reshape(s.get(0), -1), training);
        if (t != null) {
            t.conv4Pre = p4;
            t.dense0Pre = p5;
        }
        return dense1.apply(ps, Ops.lrelu(p5), training);
    }

    /**
     * The gradient of {@code sum(D(img))} w.r.t. the images, computed by explicit adjoint
     * operations (not by a backward pass). It is an ordinary function of D's weights, so the
     * WGAN-GP penalty built from it is differentiated by a single, first-order backward pass: no
     * {@code create_graph}, and no gradient with a graph left in a leaf's {@code .grad} (which in
     * PyTorch is a reference cycle that leaks the images every step).
     *
     * <p>Only the score (column 0) enters the gradient, as the official penalty takes the gradient
     * of the mixed images' scores alone.
     *
     * @return {@code [outputs [N, 1 + labelSize], gradient [N, C, r, r]]}
     */
    public NDArray[] inputGradient(ParameterStore ps, NDArray img, int resolution, float alpha) {
        int level = architecture().levelOf(resolution);
        Tape t = new Tape(level + 1);
        NDArray score = run(ps, img, resolution, alpha, true, t);
        Architecture a = architecture();
        long n = img.getShape().get(0);
        NDArray w1 = dense1.effectiveWeight(ps, img); // [1 + labelSize, nf0]
        if (labelSize > 0) {
            w1 = w1.get(new NDIndex("0:1"));
        }
        NDArray d = Ops.lreluAdjoint(w1.broadcast(n, w1.getShape().get(1)), t.dense0Pre);
        NDArray w0 = dense0.effectiveWeight(ps, img); // [nf0, 16 nf1]
        d = Ops.lreluAdjoint(d.matMul(w0).reshape(t.conv4Pre.getShape()), t.conv4Pre);
        d = conv4.inputAdjoint(ps, d);
        NDArray dx = d;
        if (a.mbstdGroupSize() > 1) {
            long c = t.mbstdIn.getShape().get(1);
            dx = d.get(new NDIndex(":, :{}", c));
            NDArray dExtra = d.get(new NDIndex(":, {}:", c));
            dx = dx.add(Ops.minibatchStddevAdjoint(t.mbstdIn, dExtra, a.mbstdGroupSize()));
        }
        NDArray dImg = null;
        if (level > 0) {
            for (int lvl = 1; lvl <= level - 1; lvl++) {
                dx = blockAdjoint(ps, lvl, dx, t);
            }
            if (alpha < 1f) {
                NDArray dq = Ops.lreluAdjoint(Scalars.times(dx, 1f - alpha), t.oldFromRgb);
                dImg = Ops.downsampleAdjoint(fromRgb.get(level - 1).inputAdjoint(ps, dq));
                dx = Scalars.times(dx, alpha);
            }
            dx = blockAdjoint(ps, level, dx, t);
        }
        NDArray da = Ops.lreluAdjoint(dx, t.fromRgb);
        NDArray g = fromRgb.get(level).inputAdjoint(ps, da);
        return new NDArray[] {score, dImg == null ? g : g.add(dImg)};
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1 + labelSize)};
    }
}
