package io.pggan.gan.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.pggan.engine.Scalars;

/**
 * A layer with equalized learning rate: its weight is stored as N(0, 1) and multiplied at run time
 * by {@code gain / sqrt(fanIn)}; its per-channel bias starts at 0 and is not scaled.
 */
public abstract class EqualizedLayer extends AbstractBlock {
    /** He gain sqrt(2), the default of every layer. */
    public static final double HE_GAIN = Math.sqrt(2.0);

    private final Parameter weight;
    private final Parameter bias;
    private final Shape weightShape;
    private final Shape biasShape;
    private final float scale;

    /**
     * @param weightShape stored weight shape
     * @param biasLength bias entries (output channels)
     * @param fanIn inputs per output
     * @param gain the layer's gain
     */
    protected EqualizedLayer(Shape weightShape, long biasLength, long fanIn, double gain) {
        this.weightShape = weightShape;
        this.biasShape = new Shape(biasLength);
        this.scale = (float) (gain / Math.sqrt(fanIn));
        weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.WEIGHT)
                                .build());
        bias =
                addParameter(
                        Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    /** The run-time weight multiplier {@code gain / sqrt(fanIn)}. */
    public float scale() {
        return scale;
    }

    /** Shape of the stored weight. */
    public Shape weightShape() {
        return weightShape;
    }

    /** Shape of the bias. */
    public Shape biasShape() {
        return biasShape;
    }

    /** Number of trainable values (weight and bias). */
    public long parameterCount() {
        return weightShape.size() + biasShape.size();
    }

    /** The weight parameter. */
    public Parameter weightParameter() {
        return weight;
    }

    /** The bias parameter. */
    public Parameter biasParameter() {
        return bias;
    }

    /**
     * The stored (unscaled) weight on the input's device, as a view owned by the input's manager
     * (so that arrays computed from it land there too).
     */
    protected NDArray weight(ParameterStore ps, NDArray input, boolean training) {
        return scoped(ps.getValue(weight, input.getDevice(), training).reshape(weightShape), input);
    }

    /** The scaled weight on the input's device, owned by the input's manager. */
    protected NDArray scaledWeight(ParameterStore ps, NDArray input, boolean training) {
        return scoped(
                Scalars.times(ps.getValue(weight, input.getDevice(), training), scale), input);
    }

    /**
     * The bias on the input's device. It is the parameter's own array: results of operations on it
     * must go through {@link #scoped} (DJL puts a result in its first operand's manager).
     */
    protected NDArray bias(ParameterStore ps, NDArray input, boolean training) {
        return ps.getValue(bias, input.getDevice(), training);
    }

    /** The scaled weight {@code w * gain / sqrt(fanIn)}, owned by the manager of {@code like}. */
    public NDArray effectiveWeight(ParameterStore ps, NDArray like) {
        return scaledWeight(ps, like, true);
    }

    /** Moves {@code x} (a temporary computed from a parameter) into the input's scope. */
    protected static NDArray scoped(NDArray x, NDArray input) {
        x.attach(input.getManager());
        return x;
    }

    /** Applies the layer (with bias) to one array. */
    public abstract NDArray apply(ParameterStore ps, NDArray x, boolean training);

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }
}
