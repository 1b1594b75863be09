package io.pggan.gan.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.network.Discriminator;
import io.pggan.gan.network.ProgressiveNetwork.NamedParameter;
import io.pggan.gan.network.ReplicaParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WganGpLossTest {
    private static PgganConfig config(double lambda) {
        return PgganConfig.builder()
                .resolution(16)
                .latentDim(8)
                .fmapMax(6)
                .gpLambda(lambda)
                .progressBar(false)
                .build();
    }

    /** D with float64 weights and non-zero biases, so finite differences are accurate. */
    private static List<NDArray> doubleD(Discriminator d, NDManager m, long seed) {
        Random rnd = new Random(seed);
        List<NDArray> leaves = new ArrayList<>();
        for (NamedParameter p : d.namedParameters()) {
            double[] v = new double[(int) p.shape().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rnd.nextGaussian() * (p.name().endsWith(".bias") ? 0.1 : 1);
            }
            NDArray a = m.create(v, p.shape());
            a.setRequiresGradient(true);
            p.parameter().setArray(a);
            leaves.add(a);
        }
        return leaves;
    }

    @Test
    void penaltyGradientMatchesFiniteDifferences() {
        PgganEngine.start(2);
        for (double lambda : new double[] {10, 0}) {
            PgganConfig cfg = config(lambda);
            try (NDManager m = NDManager.newBaseManager()) {
                Discriminator d = new Discriminator(cfg.architecture());
                List<NDArray> leaves = doubleD(d, m, 3);
                ReplicaParameterStore ps = new ReplicaParameterStore();
                Random rnd = new Random(4);
                NDArray reals = m.randomNormal(0, 1, new Shape(4, 1, 8, 8), DataType.FLOAT64);
                NDArray fakes = m.randomNormal(0, 1, new Shape(4, 1, 8, 8), DataType.FLOAT64);
                NDArray u = m.randomUniform(0, 1, new Shape(4, 1, 1, 1), DataType.FLOAT64);
                try (NDManager step = m.newSubManager()) {
                    Autograd.defineGradients(leaves, step);
                }
                Autograd.zeroGradients(leaves);
                WganGpLoss.Terms t =
                        WganGpLoss.discriminator(
                                d, ps, leaves, reals, fakes, null, u, 8, 0.7f, cfg, 1f, true);
                assertThat(t.penalty()).isGreaterThanOrEqualTo(0);
                double h = 1e-6;
                int checked = 0;
                double maxRel = 0;
                for (int li = 0; li < leaves.size(); li++) {
                    NDArray leaf = leaves.get(li);
                    NDArray grad = leaf.getGradient();
                    double[] g = grad.toDoubleArray();
                    grad.close();
                    assertThat(JniUtils.requiresGrad((PtNDArray) leaf.getGradient()))
                            .as("no graph kept in .grad")
                            .isFalse();
                    double[] w = leaf.toDoubleArray();
                    int idx = rnd.nextInt(w.length);
                    double orig = w[idx];
                    w[idx] = orig + h;
                    leaf.set(w);
                    double plus =
                            WganGpLoss.discriminator(
                                            d, ps, leaves, reals, fakes, null, u, 8, 0.7f, cfg, 1f,
                                            false)
                                    .loss();
                    w[idx] = orig - h;
                    leaf.set(w);
                    double minus =
                            WganGpLoss.discriminator(
                                            d, ps, leaves, reals, fakes, null, u, 8, 0.7f, cfg, 1f,
                                            false)
                                    .loss();
                    w[idx] = orig;
                    leaf.set(w);
                    double fd = (plus - minus) / (2 * h);
                    double rel =
                            Math.abs(fd - g[idx]) / Math.max(1e-6, Math.abs(fd) + Math.abs(g[idx]));
                    maxRel = Math.max(maxRel, Math.abs(fd - g[idx]) > 1e-7 ? rel : 0);
                    checked++;
                }
                assertThat(checked).isGreaterThan(10);
                assertThat(maxRel).as("lambda %s", lambda).isLessThan(1e-4);
            }
        }
    }

    @Test
    void explicitInputGradientEqualsAutograd() {
        PgganEngine.start(2);
        for (boolean fused : new boolean[] {true, false}) {
            for (int mbstd : new int[] {4, 0}) {
                for (float alpha : new float[] {1f, 0.6f}) {
                    PgganConfig cfg =
                            config(10).toBuilder().fusedScale(fused).mbstdGroupSize(mbstd).build();
                    try (NDManager m = NDManager.newBaseManager()) {
                        Discriminator d = new Discriminator(cfg.architecture());
                        doubleD(d, m, 7);
                        ReplicaParameterStore ps = new ReplicaParameterStore();
                        NDArray x = m.randomNormal(0, 1, new Shape(8, 1, 16, 16), DataType.FLOAT64);
                        NDArray explicit = d.inputGradient(ps, x, 16, alpha)[1];
                        x.setRequiresGradient(true);
                        try (var gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                            gc.backward(d.forward(ps, x, 16, alpha, true).sum());
                        }
                        double err = explicit.sub(x.getGradient()).abs().max().getDouble();
                        double scale = explicit.abs().max().getDouble();
                        assertThat(scale).isGreaterThan(1e-3);
                        assertThat(err / scale)
                                .as("fused %s mbstd %d alpha %s", fused, mbstd, alpha)
                                .isLessThan(1e-10);
                    }
                }
            }
        }
    }
}
