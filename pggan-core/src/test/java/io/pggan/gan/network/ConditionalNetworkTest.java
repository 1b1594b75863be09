package io.pggan.gan.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.pggan.engine.PgganEngine;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official label hook: labels concatenated to G's latent, 1 + labelSize outputs in D. */
class ConditionalNetworkTest {
    private NDManager m;
    private final ReplicaParameterStore ps = new ReplicaParameterStore();

    @BeforeEach
    void start() {
        m = NDManager.newBaseManager(PgganEngine.start(2).device());
    }

    @AfterEach
    void stop() {
        m.close();
    }

    private static float maxDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    @Test
    void officialParameterCountPlusExactlyTheLabelWeights() {
        Architecture gray = NetworkTest.arch(1024, 1, 512, 512);
        int labels = 3; // sex {F, M} + age
        // G's first dense takes 512 + 3 inputs to 16 * nf(1) = 8192 outputs: 3 * 8192 more weights
        assertThat(new Generator(gray, labels).parameterCount())
                .isEqualTo(23_074_009L + labels * 16L * 512);
        // D's last dense has 1 + 3 outputs from nf(0) = 512: 3 * 512 weights and 3 biases more
        assertThat(new Discriminator(gray, labels).parameterCount())
                .isEqualTo(23_082_161L + labels * 512L + labels);
        Discriminator d = new Discriminator(gray, labels);
        var last = d.namedParameters().get(d.namedParameters().size() - 2);
        assertThat(last.name()).isEqualTo("dense1.weight");
        assertThat(last.shape()).isEqualTo(new Shape(4, 512));
        Generator g = new Generator(gray, labels);
        assertThat(g.namedParameters().get(0).shape().size()).isEqualTo(8192L * 515);
    }

    @Test
    void labelsAreExtraLatentCoordinatesInsideThePixelNorm() {
        Architecture a = NetworkTest.arch(8, 1, 4, 8);
        Generator cond = new Generator(a, 3);
        NetworkParameters.initialize(cond, m, 5, false);
        // an unconditional G whose latent is 4 + 3 wide, with the same weights
        Generator wide = new Generator(NetworkTest.arch(8, 1, 7, 8));
        NetworkParameters.initializeAsCopy(wide, cond, m, false);
        NDArray z = m.randomNormal(new Shape(5, 4));
        NDArray y =
                m.create(
                        new float[] {1, 0, 0.5f, 0, 1, -1, 1, 0, 2, 0, 1, 0, 1, 0, -0.3f},
                        new Shape(5, 3));
        NDArray out = cond.forward(ps, z, y, 8, 0.6f, false);
        assertThat(out.getShape()).isEqualTo(new Shape(5, 1, 8, 8));
        assertThat(maxDiff(out, wide.forward(ps, z.concat(y, 1), 8, 0.6f, false))).isEqualTo(0f);
        // the pixel norm sees [z, y] together: scaling both changes nothing (up to rounding),
        // scaling the latent alone does (it would not if the labels came after the norm)
        NDArray scaledBoth = cond.forward(ps, z.mul(3), y.mul(3), 8, 0.6f, false);
        assertThat(maxDiff(out, scaledBoth)).isLessThan(1e-4f);
        NDArray scaledZ = cond.forward(ps, z.mul(3), y, 8, 0.6f, false);
        assertThat(maxDiff(out, scaledZ)).isGreaterThan(1e-3f);
        // and the labels matter
        NDArray other = cond.forward(ps, z, y.mul(-1), 8, 0.6f, false);
        assertThat(maxDiff(out, other)).isGreaterThan(1e-3f);
    }

    @Test
    void wrongLabelShapesAreRefusedWithTheShapes() {
        Generator cond = new Generator(NetworkTest.arch(8, 1, 4, 8), 3);
        NetworkParameters.initialize(cond, m, 5, false);
        NDArray z = m.randomNormal(new Shape(2, 4));
        assertThatThrownBy(() -> cond.forward(ps, z, m.zeros(new Shape(2, 2)), 8, 1f, false))
                .hasMessageContaining("labels must be [2, 3], got (2, 2)");
        assertThatThrownBy(() -> cond.forward(ps, z, 8, 1f, false))
                .hasMessageContaining("latents and labels must be [N, 4 + 3], got (2, 4)");
    }

    @Test
    void discriminatorScoresAndLabelOutputsAreRowsOfItsLastLayer() {
        Architecture a = NetworkTest.arch(8, 1, 4, 8);
        Discriminator cond = new Discriminator(a, 3);
        NetworkParameters.initialize(cond, m, 9, false);
        Discriminator plain = new Discriminator(a);
        NetworkParameters.initialize(plain, m, 1, false);
        List<ProgressiveNetwork.NamedParameter> cp = cond.namedParameters();
        List<ProgressiveNetwork.NamedParameter> pp = plain.namedParameters();
        int last = cp.size() - 2;
        for (int i = 0; i < last; i++) {
            pp.get(i).parameter().getArray().set(cp.get(i).parameter().getArray().toFloatArray());
        }
        NDArray w = cp.get(last).parameter().getArray(); // [4, nf0]
        NDArray b =
                cp.get(last + 1)
                        .parameter()
                        .getArray()
                        .add(m.create(new float[] {0.1f, -0.2f, 0.3f, 0.4f}));
        cp.get(last + 1).parameter().getArray().set(b.toFloatArray());
        NDArray img = m.randomNormal(new Shape(4, 1, 8, 8));
        NDArray out = cond.forward(ps, img, 8, 0.3f, false);
        assertThat(out.getShape()).isEqualTo(new Shape(4, 4));
        for (int k = 0; k < 4; k++) {
            // the plain critic with row k of the last layer gives output column k
            pp.get(last)
                    .parameter()
                    .getArray()
                    .set(w.get(new NDIndex("{}:{}", k, k + 1)).toFloatArray());
            pp.get(last + 1).parameter().getArray().set(new float[] {b.getFloat(k)});
            NDArray col = out.get(new NDIndex(":, {}:{}", k, k + 1));
            assertThat(maxDiff(col, plain.forward(ps, img, 8, 0.3f, false)))
                    .as("column %d", k)
                    .isLessThan(1e-6f);
            if (k == 0) {
                // the penalty's input gradient is that of the score column alone
                NDArray gc = cond.inputGradient(ps, img, 8, 0.3f)[1];
                NDArray gp = plain.inputGradient(ps, img, 8, 0.3f)[1];
                assertThat(maxDiff(gc, gp)).isLessThan(1e-6f);
                assertThat(cond.inputGradient(ps, img, 8, 0.3f)[0].getShape())
                        .isEqualTo(new Shape(4, 4));
            }
        }
    }
}
