package io.pggan.gan.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Common part of G and D: both are built once for the final resolution with every toRGB/fromRGB,
 * and run at a chosen current resolution with a fade-in weight alpha (1 = only the newest level).
 * Through the {@link Block} API the resolution and alpha are passed as the parameters {@code
 * "resolution"} (Integer) and {@code "alpha"} (Float); without them the network runs at full
 * resolution with alpha 1.
 */
public abstract class ProgressiveNetwork extends AbstractBlock {
    /** Parameter key of the current resolution. */
    public static final String RESOLUTION = "resolution";

    /** Parameter key of the fade-in weight. */
    public static final String ALPHA = "alpha";

    private final Architecture arch;

    protected ProgressiveNetwork(Architecture arch) {
        this.arch = arch;
    }

    /** The sizes this network was built for. */
    public Architecture architecture() {
        return arch;
    }

    /** Adds a layer as a named child. */
    protected <L extends EqualizedLayer> L layer(String name, L layer) {
        return addChildBlock(name, layer);
    }

    /** Every equalized layer, in a fixed order. */
    public List<EqualizedLayer> layers() {
        List<EqualizedLayer> out = new ArrayList<>();
        for (Pair<String, Block> child : getChildren()) {
            out.add((EqualizedLayer) child.getValue());
        }
        return out;
    }

    /** Number of trainable values, counted from the shapes (no arrays needed). */
    public long parameterCount() {
        return layers().stream().mapToLong(EqualizedLayer::parameterCount).sum();
    }

    /**
     * Every parameter with a stable name ({@code <layer>.weight}, {@code <layer>.bias}) and its
     * shape, in a fixed order.
     */
    public List<NamedParameter> namedParameters() {
        List<NamedParameter> out = new ArrayList<>();
        for (Pair<String, Block> child : getChildren()) {
            EqualizedLayer l = (EqualizedLayer) child.getValue();
            String name = child.getKey().replaceFirst("^\\d+", "");
            out.add(new NamedParameter(name + ".weight", l.weightParameter(), l.weightShape()));
            out.add(new NamedParameter(name + ".bias", l.biasParameter(), l.biasShape()));
        }
        return out;
    }

    /**
     * Runs the network at a resolution.
     *
     * @param ps where the parameter values come from
     * @param x input (latents for G, images for D)
     * @param resolution current resolution, a power of two from 4 to the final resolution
     * @param alpha fade-in weight of the newest level in [0, 1]
     * @param training whether gradients will be taken
     * @return output (images for G, scores {@code [N, 1]} for D)
     */
    public abstract NDArray forward(
            ParameterStore ps, NDArray x, int resolution, float alpha, boolean training);

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        int res = arch.resolution();
        float alpha = 1f;
        if (params != null) {
            Object r = params.get(RESOLUTION);
            Object a = params.get(ALPHA);
            res = r == null ? res : ((Number) r).intValue();
            alpha = a == null ? alpha : ((Number) a).floatValue();
        }
        return new NDList(forward(ps, inputs.singletonOrThrow(), res, alpha, training));
    }

    /** Checks alpha and returns the level of the resolution. */
    protected int checkedLevel(int resolution, float alpha) {
        if (!(alpha >= 0f && alpha <= 1f)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        return arch.levelOf(resolution);
    }

    /** A parameter with its checkpoint name and shape. */
    public record NamedParameter(
            String name, Parameter parameter, ai.djl.ndarray.types.Shape shape) {}
}
