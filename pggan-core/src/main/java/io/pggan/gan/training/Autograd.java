package io.pggan.gan.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.pggan.engine.Scalars;
import java.util.List;

/**
 * The few autograd operations DJL's API does not offer, done through the PyTorch engine: backward
 * of a scalar, zeroing gradients in place, and switching whether leaves accumulate gradients.
 */
final class Autograd {
    private Autograd() {}

    /**
     * Backward of a scalar.
     *
     * @param createGraph keep the graph and record the backward pass (double backward); the trainer
     *     never needs it, see {@code Discriminator.inputGradient}
     */
    static void backward(NDArray scalar, boolean createGraph) {
        NDArray ones = scalar.onesLike();
        JniUtils.backward((PtNDArray) scalar, (PtNDArray) ones, createGraph, createGraph);
    }

    /**
     * Sets whether these leaves take gradients. Switched off before a forward pass, no work is
     * spent on their gradients (D's weights during the G step).
     */
    static void requireGradients(List<NDArray> leaves, boolean on) {
        for (NDArray a : leaves) {
            JniUtils.attachGradient((PtNDArray) a, on);
        }
    }

    /** Sets every gradient of these leaves to zero (they must have one). */
    static void zeroGradients(List<NDArray> leaves) {
        for (NDArray a : leaves) {
            JniUtils.zeroGrad((PtNDArray) a);
        }
    }

    /**
     * Gives every leaf a defined gradient of zeros (a backward through {@code 0 * sum}), so that
     * layers not used at the current resolution have gradients too.
     */
    static void defineGradients(List<NDArray> leaves, NDManager step) {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            NDArray total = null;
            for (NDArray a : leaves) {
                NDArray sum = a.sum();
                sum.attach(step);
                NDArray s = Scalars.times(sum, 0f);
                total = total == null ? s : total.add(s);
            }
            backward(total, false);
        } finally {
            JniUtils.setGradMode(was);
        }
    }

    /** The gradient of a leaf, owned by {@code step}. */
    static NDArray gradient(NDArray leaf, NDManager step) {
        NDArray g = leaf.getGradient();
        g.attach(step);
        return g;
    }

    /** Attaches an array to a scope and returns it (for temporaries of long-lived arrays). */
    static NDArray own(NDManager step, NDArray a) {
        a.attach(step);
        return a;
    }
}
