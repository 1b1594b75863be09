package io.pggan.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Multiplying or dividing by a number where gradients flow. Use these instead of {@code x.mul(f)}
 * and {@code x.div(f)} in every forward pass that is differentiated.
 *
 * <p>Why: DJL 0.33's PyTorch engine turns the number into a 0-d array that borrows a Java direct
 * buffer (from_blob, no copy) and closes it right after the operation, while autograd keeps that
 * scalar for the backward pass of {@code mul} and {@code div}. A garbage collection between forward
 * and backward frees the buffer and the backward pass multiplies by whatever lies there. Measured
 * in GAN training: about one pass in 2,000 got a corrupted gradient (1e-15 to 1e33, or inf), one in
 * 136 with a small young generation, every time with a forced GC. Here the scalar is made by
 * PyTorch ({@code full}), so autograd owns what it keeps. {@code add}/{@code sub} of a number are
 * safe: their backward does not use the scalar.
 */
public final class Scalars {
    private Scalars() {}

    /** {@code x * f}, safe to differentiate. */
    public static NDArray times(NDArray x, float f) {
        try (NDArray s = scalar(x, f)) {
            return x.mul(s);
        }
    }

    /** {@code x / f}, safe to differentiate. */
    public static NDArray over(NDArray x, float f) {
        try (NDArray s = scalar(x, f)) {
            return x.div(s);
        }
    }

    /**
     * A 0-d array of {@code like}'s type and device whose memory PyTorch owns: safe to keep in an
     * autograd graph (the caller closes it; the graph keeps its own reference).
     */
    public static NDArray scalar(NDArray like, float f) {
        NDArray s = like.getManager().full(new Shape(), f, like.getDataType());
        if (!s.getDevice().equals(like.getDevice())) {
            NDArray moved = s.toDevice(like.getDevice(), false);
            s.close();
            return moved;
        }
        return s;
    }
}
