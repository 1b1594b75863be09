package io.pggan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.pggan.data.labels.LabelSpec;
import io.pggan.data.labels.LabelTable;
import io.pggan.data.labels.Labels;
import java.util.Arrays;
import java.util.List;

/** Label vectors and batched Gs sampling of a conditional {@link Pggan}. */
final class LabelledSampling {
    private LabelledSampling() {}

    static NDArray labelVectors(PgganConfig config, NDManager owner, List<Labels> labels) {
        LabelSpec spec = config.labels();
        if (spec == null) {
            throw new IllegalArgumentException("the model is unconditional: it takes no labels");
        }
        LabelTable t = LabelTable.of(spec, labels.size(), labels::get, i -> "labels entry " + i);
        int[] rows = new int[labels.size()];
        Arrays.setAll(rows, i -> i);
        return owner.create(t.encoded(rows), new Shape(labels.size(), spec.size()));
    }

    /** Latents {@code 0 .. n-1} of the seed with one labels entry each, in batches. */
    static NDArray generate(
            Pggan gan, NDManager manager, int r, int n, long seed, List<Labels> labels) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        PgganConfig config = gan.config();
        NDArray out = manager.zeros(new Shape(n, config.architecture().channels(), r, r));
        int dim = config.architecture().latentDim();
        for (int from = 0; from < n; from += Pggan.SAMPLE_BATCH) {
            int k = Math.min(Pggan.SAMPLE_BATCH, n - from);
            try (NDManager scope = manager.newSubManager()) {
                NDArray z = LatentSampler.latents(scope, seed, from, k, dim);
                NDArray y = labelVectors(config, scope, labels.subList(from, from + k));
                out.set(new NDIndex(from + ":" + (from + k)), gan.generate(z, y));
            }
        }
        return out;
    }
}
