package io.pggan.gan.training;

import static io.pggan.gan.training.Autograd.own;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam as in TensorFlow ({@code tf.train.AdamOptimizer}, the official optimizer): epsilon is added
 * to sqrt(v) outside the bias correction, which is folded into the step size {@code lr * sqrt(1 -
 * beta2^t) / (1 - beta1^t)}.
 */
public final class AdamOptimizer {
    private static final NDIndex ALL = new NDIndex("...");

    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private long step;

    /**
     * Creates zero moments shaped like the parameters.
     *
     * @param params the parameter arrays, in order
     * @param manager owner of the moments
     */
    public AdamOptimizer(
            List<NDArray> params, NDManager manager, double beta1, double beta2, double epsilon) {
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.epsilon = (float) epsilon;
        for (NDArray p : params) {
            m.add(manager.zeros(p.getShape()));
            v.add(manager.zeros(p.getShape()));
        }
    }

    /** Updates done since the last reset. */
    public long step() {
        return step;
    }

    /** Sets the update count (when restoring a checkpoint). */
    public void setStep(long step) {
        this.step = step;
    }

    /** First moments, in parameter order. */
    public List<NDArray> firstMoments() {
        return m;
    }

    /** Second moments, in parameter order. */
    public List<NDArray> secondMoments() {
        return v;
    }

    /** Zeroes the moments and the step count (the official reset at a new level of detail). */
    public void reset() {
        for (int i = 0; i < m.size(); i++) {
            // Fresh zeros, not muli(0): a moment that overflowed to inf would become NaN.
            m.get(i).intern(m.get(i).zerosLike());
            v.get(i).intern(v.get(i).zerosLike());
        }
        step = 0;
    }

    /**
     * One update in place.
     *
     * @param params parameter arrays
     * @param grads their gradients (owned by {@code scope})
     * @param squaredGrads the gradients squared, element by element (owned by {@code scope}, may be
     *     overwritten); the caller has them already from the gradient-norm check
     * @param lr learning rate
     * @param scope owner of the temporaries
     */
    public void update(
            List<NDArray> params,
            List<NDArray> grads,
            List<NDArray> squaredGrads,
            double lr,
            NDManager scope) {
        step++;
        double corr = Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        float lrT = (float) (lr * corr);
        for (int i = 0; i < params.size(); i++) {
            NDArray g = grads.get(i);
            NDArray mi = m.get(i);
            if (beta1 == 0f) {
                mi.set(ALL, g); // the official beta1: m is the gradient (a copy)
            } else {
                mi.subi(g).muli(beta1).addi(g); // beta1 m + (1 - beta1) g
            }
            v.get(i).muli(beta2).addi(squaredGrads.get(i).muli(1f - beta2));
            NDArray denom = own(scope, v.get(i).sqrt()).addi(epsilon);
            params.get(i).subi(own(scope, mi.div(denom)).muli(lrT));
        }
    }
}
