package io.pggan.gan.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.pggan.gan.network.ProgressiveNetwork.NamedParameter;
import java.util.Random;

/** Creating, copying and blending the parameter arrays of a network. */
public final class NetworkParameters {
    private NetworkParameters() {}

    /**
     * Creates every parameter array: weights N(0, 1) drawn from {@code new Random(seed)} in the
     * network's parameter order (so a seed fixes the network on every machine), biases 0.
     *
     * @param net the network, not yet initialised
     * @param manager owner of the arrays (lives as long as the network)
     * @param seed weight seed
     * @param trainable whether the arrays take gradients
     */
    public static void initialize(
            ProgressiveNetwork net, NDManager manager, long seed, boolean trainable) {
        Random random = new Random(seed);
        for (NamedParameter p : net.namedParameters()) {
            int n = Math.toIntExact(p.shape().size());
            float[] values = new float[n];
            if (p.name().endsWith(".weight")) {
                for (int i = 0; i < n; i++) {
                    values[i] = (float) random.nextGaussian();
                }
            }
            NDArray array = manager.create(values, p.shape());
            array.setRequiresGradient(trainable);
            p.parameter().setArray(array);
        }
    }

    /**
     * Creates the arrays of {@code target} as copies of {@code source}'s (same architecture).
     *
     * @param trainable whether the copies take gradients
     */
    public static void initializeAsCopy(
            ProgressiveNetwork target,
            ProgressiveNetwork source,
            NDManager manager,
            boolean trainable) {
        var src = source.namedParameters();
        var dst = target.namedParameters();
        for (int i = 0; i < dst.size(); i++) {
            NDArray copy =
                    manager.create(
                            src.get(i).parameter().getArray().toFloatArray(), src.get(i).shape());
            copy.setRequiresGradient(trainable);
            dst.get(i).parameter().setArray(copy);
        }
    }

    /** Copies the values of {@code source} into {@code target}'s existing arrays. */
    public static void copyValues(ProgressiveNetwork source, ProgressiveNetwork target) {
        var src = source.namedParameters();
        var dst = target.namedParameters();
        for (int i = 0; i < dst.size(); i++) {
            dst.get(i).parameter().getArray().set(src.get(i).parameter().getArray().toFloatArray());
        }
    }

    /**
     * The generator moving average: {@code avg <- g + (avg - g) * beta}, in place on {@code avg}.
     *
     * @param step scope for the temporaries of this update
     */
    public static void movingAverage(
            ProgressiveNetwork avg, ProgressiveNetwork g, float beta, NDManager step) {
        var a = avg.namedParameters();
        var s = g.namedParameters();
        for (int i = 0; i < a.size(); i++) {
            NDArray target = a.get(i).parameter().getArray();
            NDArray delta = s.get(i).parameter().getArray().sub(target);
            delta.attach(step);
            target.addi(delta.muli(1f - beta));
        }
    }

    /** Sum of all parameter values squared (a quick fingerprint for tests and logs). */
    public static double sumOfSquares(ProgressiveNetwork net) {
        double sum = 0;
        for (NamedParameter p : net.namedParameters()) {
            for (float v : p.parameter().getArray().toFloatArray()) {
                sum += (double) v * v;
            }
        }
        return sum;
    }

    /** Whether every parameter is float32 and initialised. */
    public static boolean isReady(ProgressiveNetwork net) {
        for (NamedParameter p : net.namedParameters()) {
            NDArray a = p.parameter().getArray();
            if (a == null || a.getDataType() != DataType.FLOAT32) {
                return false;
            }
        }
        return true;
    }
}
