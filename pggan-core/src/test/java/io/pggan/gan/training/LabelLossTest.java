package io.pggan.gan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.data.labels.LabelGroup;
import io.pggan.data.labels.LabelSpec;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.network.Discriminator;
import io.pggan.gan.network.Generator;
import io.pggan.gan.network.NetworkParameters;
import io.pggan.gan.network.ReplicaParameterStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AC-GAN terms of G_wgan_acgan and D_wgangp_acgan against a hand computation. */
class LabelLossTest {
    private NDManager m;

    @BeforeEach
    void start() {
        m = NDManager.newBaseManager(PgganEngine.start(2).device());
    }

    @AfterEach
    void stop() {
        m.close();
    }

    private static double ce(double[] logits, int target) {
        double max = Math.max(logits[0], Math.max(logits[1], logits.length > 2 ? logits[2] : -1e9));
        double sum = 0;
        for (double l : logits) {
            sum += Math.exp(l - max);
        }
        return -(logits[target] - max - Math.log(sum));
    }

    @Test
    void crossEntropyPerDiscreteGroupPlusSquaredErrorOfTheNormalisedAge() {
        // sex {F, M} (2), site {A, B, C} (3), age (1): D outputs 1 + 6 columns
        LabelSpec spec =
                LabelSpec.of(
                        LabelGroup.discrete("sex", "F", "M"),
                        LabelGroup.discrete("site", "A", "B", "C"),
                        LabelGroup.continuous("age", 120, 60, 0, 240));
        float[][] out = {
            {5f, 0.2f, -1.0f, 0.5f, 0.1f, 2.0f, 0.3f},
            {-3f, 1.5f, 1.5f, -0.7f, 0.0f, 0.7f, -1.2f}
        };
        // image 0: M, C, age 150 (0.5); image 1: F, A, age 48 (-1.2)
        float[][] y = {{0, 1, 0, 0, 1, 0.5f}, {1, 0, 1, 0, 0, -1.2f}};
        NDArray o = m.create(flat(out), new Shape(2, 7));
        NDArray l = m.create(flat(y), new Shape(2, 6));
        float[] got = LabelLoss.penalty(spec, o, l).toFloatArray();
        double want0 =
                ce(new double[] {0.2, -1.0}, 1)
                        + ce(new double[] {0.5, 0.1, 2.0}, 2)
                        + Math.pow(0.3 - 0.5, 2);
        double want1 =
                ce(new double[] {1.5, 1.5}, 0)
                        + ce(new double[] {-0.7, 0.0, 0.7}, 0)
                        + Math.pow(-1.2 - -1.2, 2);
        assertThat((double) got[0]).isCloseTo(want0, within(1e-5));
        assertThat((double) got[1]).isCloseTo(want1, within(1e-5));
        assertThat((double) got[1])
                .isCloseTo(Math.log(2) + ce(new double[] {-0.7, 0.0, 0.7}, 0), within(1e-5));
        assertThat(LabelLoss.scores(o).toFloatArray()).containsExactly(5f, -3f);
    }

    private static float[] flat(float[][] a) {
        int w = a[0].length;
        float[] out = new float[a.length * w];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, out, i * w, w);
        }
        return out;
    }

    @Test
    void conditionalLossesAreTheWganTermsPlusTheLabelPenalties() {
        LabelSpec spec = LabelSpec.ageAndSex();
        PgganConfig cfg =
                PgganConfig.builder().resolution(8).latentDim(4).fmapMax(8).labels(spec).build();
        Generator g = new Generator(cfg.architecture(), 3);
        Discriminator d = new Discriminator(cfg.architecture(), 3);
        NetworkParameters.initialize(g, m, 1, true);
        NetworkParameters.initialize(d, m, 2, true);
        ReplicaParameterStore ps = new ReplicaParameterStore();
        List<NDArray> dLeaves = GanState.arrays(d);
        try (NDManager tmp = m.newSubManager()) {
            List<NDArray> all = new java.util.ArrayList<>(GanState.arrays(g));
            all.addAll(dLeaves);
            Autograd.defineGradients(all, tmp);
        }
        NDArray reals = m.randomNormal(new Shape(4, 1, 8, 8));
        NDArray z = m.randomNormal(new Shape(4, 4));
        NDArray labels =
                m.create(new float[] {0, 1, 0.5f, 1, 0, -1, 0, 1, 1.5f, 1, 0, 0}, new Shape(4, 3));
        NDArray u = m.randomUniform(0, 1, new Shape(4, 1, 1, 1));
        NDArray fakes = g.forward(ps, z, labels, 8, 1f, false);
        WganGpLoss.Terms t =
                WganGpLoss.discriminator(
                        d, ps, dLeaves, reals, fakes, labels, u, 8, 1f, cfg, 1f, false);
        NDArray outReal = d.forward(ps, reals, 8, 1f, false);
        NDArray outFake = d.forward(ps, fakes, 8, 1f, false);
        double labelTerm =
                LabelLoss.penalty(spec, outReal, labels)
                        .add(LabelLoss.penalty(spec, outFake, labels))
                        .mean()
                        .getFloat();
        assertThat(t.labelPenalty()).isCloseTo(labelTerm, within(1e-5));
        assertThat(labelTerm).isGreaterThan(0.01);
        // the rest is the WGAN-GP loss of D's score column, by hand
        NDArray sr = LabelLoss.scores(outReal);
        NDArray sf = LabelLoss.scores(outFake);
        double wgan =
                sf.sub(sr).mean().getFloat() + t.penalty() + 0.001 * sr.square().mean().getFloat();
        assertThat(t.loss()).isCloseTo(wgan + labelTerm, within(1e-4));
        assertThat(t.penalty()).isGreaterThan(0);
        double gLoss = WganGpLoss.generator(g, ps, d, ps, dLeaves, z, labels, spec, 8, 1f, 0f);
        NDArray gOut = d.forward(ps, g.forward(ps, z, labels, 8, 1f, false), 8, 1f, false);
        double want =
                LabelLoss.penalty(spec, gOut, labels).sub(LabelLoss.scores(gOut)).mean().getFloat();
        assertThat(gLoss).isCloseTo(want, within(1e-5));
    }
}
