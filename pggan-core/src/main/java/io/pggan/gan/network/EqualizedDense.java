package io.pggan.gan.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * A dense layer with equalized learning rate. With {@code channels > 0} its output is reshaped to
 * {@code [N, channels, 4, 4]} before the per-channel bias is added (G's first layer).
 */
public final class EqualizedDense extends EqualizedLayer {
    private final int out;
    private final int channels;

    /**
     * @param in input features
     * @param out output features
     * @param gain the layer's gain
     */
    public EqualizedDense(int in, int out, double gain) {
        this(in, out, gain, 0);
    }

    private EqualizedDense(int in, int out, double gain, int channels) {
        super(new Shape(out, in), channels > 0 ? channels : out, in, gain);
        this.out = out;
        this.channels = channels;
    }

    /** G's first layer: latent to {@code [N, channels, 4, 4]} with one bias per channel. */
    public static EqualizedDense toFeatureMap(int latent, int channels, double gain) {
        return new EqualizedDense(latent, channels * 16, gain, channels);
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray y = x.matMul(scaledWeight(ps, x, training).transpose());
        NDArray b = bias(ps, x, training);
        if (channels > 0) {
            return y.reshape(-1, channels, 4, 4).add(scoped(b.reshape(1, channels, 1, 1), x));
        }
        return y.add(b);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        return new Shape[] {channels > 0 ? new Shape(n, channels, 4, 4) : new Shape(n, out)};
    }
}
