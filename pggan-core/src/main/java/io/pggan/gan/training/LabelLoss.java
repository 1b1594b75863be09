package io.pggan.gan.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import io.pggan.data.labels.LabelGroup;
import io.pggan.data.labels.LabelSpec;

/**
 * The conditional (AC-GAN) terms of the official {@code G_wgan_acgan} and {@code D_wgangp_acgan},
 * per sample, from D's label outputs (columns {@code 1..labelSize} of its last layer) and the label
 * vectors the images were made with (fakes) or carry (reals):
 *
 * <ul>
 *   <li>each <b>discrete</b> group: the softmax cross-entropy {@code -sum_k y_k log softmax(l)_k}
 *       over the group's own logits (the official code has one group; with several, each gets its
 *       own softmax);
 *   <li>each <b>continuous</b> group (beyond the official code): the squared error {@code (p -
 *       y)^2} between D's prediction and the normalised value {@code y = (v - mean) / scale}.
 * </ul>
 *
 * The per-sample penalty is the sum over groups, times {@link #COND_WEIGHT}. D adds it for reals
 * and for fakes, G for its fakes; each loss then takes the mean over the minibatch.
 */
final class LabelLoss {
    /** The official {@code cond_weight}. */
    static final float COND_WEIGHT = 1f;

    private LabelLoss() {}

    /** The score column of D's outputs {@code [N, 1 + L]}, as {@code [N]}. */
    static NDArray scores(NDArray outputs) {
        return outputs.get(new NDIndex(":, 0"));
    }

    /**
     * The per-sample label penalty.
     *
     * @param outputs D's outputs {@code [N, 1 + spec.size()]}
     * @param labels the label vectors {@code [N, spec.size()]}
     * @return {@code [N]}
     */
    static NDArray penalty(LabelSpec spec, NDArray outputs, NDArray labels) {
        NDArray total = null;
        for (int i = 0; i < spec.groups().size(); i++) {
            LabelGroup g = spec.groups().get(i);
            int from = spec.offset(i);
            int to = from + g.width();
            NDArray y = labels.get(new NDIndex(":, {}:{}", from, to));
            NDArray p = outputs.get(new NDIndex(":, {}:{}", from + 1, to + 1));
            NDArray term =
                    g.kind() == LabelGroup.Kind.DISCRETE
                            ? p.logSoftmax(1).mul(y).sum(new int[] {1}).neg()
                            : p.sub(y).square().sum(new int[] {1});
            total = total == null ? term : total.add(term);
        }
        return COND_WEIGHT == 1f ? total : total.mul(COND_WEIGHT);
    }
}
