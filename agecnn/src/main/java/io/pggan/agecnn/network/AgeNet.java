package io.pggan.agecnn.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Xception trunk plus a regression head: pooled features, optionally joined with sex (sex goes
 * through a small dense layer, then is concatenated with the features, as in the strongest RSNA
 * 2017 entries), a hidden dense layer with ReLU and one output (the normalised age).
 *
 * <p>Inputs: {@code [images [N, C, H, W]]} or, with sex, {@code [images, sex [N, 1]]} (1 = male, 0
 * = female). Output: {@code [N, 1]}.
 */
public final class AgeNet extends AbstractBlock {
    /** Width of the sex embedding. */
    public static final int SEX_UNITS = 16;

    private final Xception trunk;
    private final boolean useSex;
    private final Linear sexDense;
    private final Linear hidden;
    private final Linear output;
    private final NamedParameters names = new NamedParameters();

    /**
     * @param trunk the feature extractor
     * @param useSex whether the head takes a sex input
     * @param hiddenUnits width of the hidden dense layer
     */
    public AgeNet(Xception trunk, boolean useSex, int hiddenUnits) {
        this.trunk = addChildBlock("xception", trunk);
        this.useSex = useSex;
        this.sexDense =
                useSex
                        ? addChildBlock("sex_dense", Linear.builder().setUnits(SEX_UNITS).build())
                        : null;
        this.hidden = addChildBlock("head_dense", Linear.builder().setUnits(hiddenUnits).build());
        this.output = addChildBlock("head_out", Linear.builder().setUnits(1).build());
        names.putAll(trunk.namedParameters());
        if (useSex) {
            names.putLinear("sex_dense", sexDense);
        }
        names.putLinear("head_dense", hidden);
        names.putLinear("head_out", output);
    }

    /** The Xception trunk. */
    public Xception trunk() {
        return trunk;
    }

    /** Whether the head takes sex as a second input. */
    public boolean usesSex() {
        return useSex;
    }

    /** Every parameter of trunk and head under stable names (the weight-file keys). */
    public NamedParameters namedParameters() {
        return names;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        int expected = useSex ? 2 : 1;
        if (inputs.size() != expected) {
            throw new IllegalArgumentException(
                    "the age network expects "
                            + expected
                            + " input(s) (images"
                            + (useSex ? ", sex" : "")
                            + "), got "
                            + inputs.size());
        }
        NDArray features =
                trunk.forward(store, new NDList(inputs.get(0)), training, params)
                        .singletonOrThrow();
        return new NDList(head(store, features, useSex ? inputs.get(1) : null, training));
    }

    /**
     * The regression head on pooled features: what {@link #forward} does after the trunk, for
     * callers that keep the features too.
     *
     * @param features {@code [N, featureSize]} from the trunk
     * @param sex {@code [N]} or {@code [N, 1]} when the model uses sex, else null
     * @return {@code [N, 1]}, the normalised age
     */
    public NDArray head(ParameterStore store, NDArray features, NDArray sex, boolean training) {
        NDArray joined = features;
        if (useSex) {
            NDArray embedded =
                    Activation.relu(
                            sexDense.forward(store, new NDList(sex.reshape(-1, 1)), training)
                                    .singletonOrThrow());
            joined = features.concat(embedded, 1);
        }
        NDArray h =
                Activation.relu(
                        hidden.forward(store, new NDList(joined), training).singletonOrThrow());
        return output.forward(store, new NDList(h), training).singletonOrThrow();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        trunk.initialize(manager, dataType, inputs[0]);
        long batch = inputs[0].get(0);
        long joined = trunk.featureSize();
        if (useSex) {
            sexDense.initialize(manager, dataType, new Shape(batch, 1));
            joined += SEX_UNITS;
        }
        hidden.initialize(manager, dataType, new Shape(batch, joined));
        output.initialize(
                manager, dataType, hidden.getOutputShapes(new Shape[] {new Shape(batch, joined)}));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), 1)};
    }
}
