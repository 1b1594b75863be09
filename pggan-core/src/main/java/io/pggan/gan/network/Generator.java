package io.pggan.gan.network;

import static io.pggan.gan.network.EqualizedLayer.HE_GAIN;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.pggan.gan.network.EqualizedConv2d.Mode;
import java.util.ArrayList;
import java.util.List;

/**
 * The PGGAN generator ({@code G_paper}): latent to image, growing 4x4 to the final resolution. A
 * conditional generator ({@code labelSize > 0}) takes the label vector concatenated to the latent,
 * {@code [N, latentDim + labelSize]}, before the latent pixel norm, as the official hook does; its
 * first dense layer then has {@code labelSize * 16 * nf(1)} more weights.
 */
public final class Generator extends ProgressiveNetwork {
    private static final float PN_EPS = 1e-8f;

    private final int labelSize;
    private final EqualizedDense dense;
    private final EqualizedConv2d conv4;
    private final List<EqualizedConv2d> up = new ArrayList<>();
    private final List<EqualizedConv2d> conv = new ArrayList<>();
    private final List<EqualizedConv2d> toRgb = new ArrayList<>();

    /** Builds every layer of an unconditional generator. */
    public Generator(Architecture a) {
        this(a, 0);
    }

    /**
     * Builds every layer for the architecture's final resolution.
     *
     * @param labelSize length of the label vector (0 = unconditional)
     */
    public Generator(Architecture a, int labelSize) {
        super(a);
        if (labelSize < 0) {
            throw new IllegalArgumentException("labelSize must be >= 0, got " + labelSize);
        }
        this.labelSize = labelSize;
        // Gain sqrt(2)/4 on the first dense reproduces the Theano original (official comment).
        dense =
                layer(
                        "dense",
                        EqualizedDense.toFeatureMap(
                                a.latentDim() + labelSize, a.nf(1), HE_GAIN / 4));
        conv4 = layer("conv4", new EqualizedConv2d(a.nf(1), a.nf(1), 3, HE_GAIN, Mode.SAME));
        toRgb.add(layer("toRGB4", new EqualizedConv2d(a.nf(1), a.channels(), 1, 1.0, Mode.SAME)));
        for (int lvl = 1; lvl < a.levels(); lvl++) {
            int res = 4 << lvl;
            Mode upMode = a.fusedScale() ? Mode.UP : Mode.SAME;
            up.add(
                    layer(
                            "up" + res,
                            new EqualizedConv2d(a.nf(lvl), a.nf(lvl + 1), 3, HE_GAIN, upMode)));
            conv.add(
                    layer(
                            "conv" + res,
                            new EqualizedConv2d(
                                    a.nf(lvl + 1), a.nf(lvl + 1), 3, HE_GAIN, Mode.SAME)));
            toRgb.add(
                    layer(
                            "toRGB" + res,
                            new EqualizedConv2d(a.nf(lvl + 1), a.channels(), 1, 1.0, Mode.SAME)));
        }
    }

    private static NDArray act(NDArray x) {
        return Ops.pixelNorm(Ops.lrelu(x), PN_EPS);
    }

    /** Length of the label vector (0 = unconditional). */
    public int labelSize() {
        return labelSize;
    }

    /**
     * Runs a conditional generator: the labels are concatenated to the latents.
     *
     * @param z latents {@code [N, latentDim]}
     * @param labels label vectors {@code [N, labelSize]}
     */
    public NDArray forward(
            ParameterStore ps,
            NDArray z,
            NDArray labels,
            int resolution,
            float alpha,
            boolean training) {
        Shape zs = z.getShape();
        Shape ls = labels.getShape();
        if (ls.dimension() != 2 || ls.get(1) != labelSize || ls.get(0) != zs.get(0)) {
            throw new IllegalArgumentException(
                    "labels must be [" + zs.get(0) + ", " + labelSize + "], got " + ls);
        }
        if (zs.dimension() != 2 || zs.get(1) != architecture().latentDim()) {
            throw new IllegalArgumentException(
                    "latents must be [N, " + architecture().latentDim() + "], got " + zs);
        }
        return forward(ps, z.concat(labels, 1), resolution, alpha, training);
    }

    /**
     * Runs the generator on its input: latents {@code [N, latentDim]}, or for a conditional
     * generator latents and labels side by side, {@code [N, latentDim + labelSize]}.
     */
    @Override
    public NDArray forward(
            ParameterStore ps, NDArray z, int resolution, float alpha, boolean training) {
        int level = checkedLevel(resolution, alpha);
        Architecture a = architecture();
        int width = a.latentDim() + labelSize;
        if (z.getShape().dimension() != 2 || z.getShape().get(1) != width) {
            throw new IllegalArgumentException(
                    (labelSize == 0
                                    ? "latents must be [N, " + a.latentDim()
                                    : "latents and labels must be [N, "
                                            + a.latentDim()
                                            + " + "
                                            + labelSize)
                            + "], got "
                            + z.getShape());
        }
        NDArray x = a.normalizeLatents() ? Ops.pixelNorm(z, PN_EPS) : z;
        x = act(conv4.apply(ps, act(dense.apply(ps, x, training)), training));
        NDArray previous = x;
        for (int lvl = 1; lvl <= level; lvl++) {
            previous = x;
            EqualizedConv2d u = up.get(lvl - 1);
            NDArray y =
                    a.fusedScale()
                            ? u.apply(ps, x, training)
                            : u.apply(ps, Ops.upsample2(x), training);
            x = act(conv.get(lvl - 1).apply(ps, act(y), training));
        }
        NDArray img = toRgb.get(level).apply(ps, x, training);
        if (level > 0 && alpha < 1f) {
            NDArray old = Ops.upsample2(toRgb.get(level - 1).apply(ps, previous, training));
            img = Ops.lerp(old, img, alpha);
        }
        return img;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        int r = architecture().resolution();
        return new Shape[] {new Shape(inputShapes[0].get(0), architecture().channels(), r, r)};
    }
}
