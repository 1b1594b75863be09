package io.pggan.latent.axis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.pggan.io.Json;
import io.pggan.io.Npy;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * liblinear against scikit-learn 1.2.1 on InterFaceGAN's set-up (the tails of a linear score, 70 %
 * of them for training): {@code fixtures/svm/make_svm_fixture.py} wrote the inputs and what {@code
 * SVC(kernel='linear')} and {@code LinearSVC(loss='hinge')} fit.
 */
class SvmAxisFixtureTest {
    private static final String DIR = "/fixtures/svm/";

    private static double[][] matrix(String name) throws Exception {
        try (InputStream in = SvmAxisFixtureTest.class.getResourceAsStream(DIR + name)) {
            return Npy.read(in, name).matrix();
        }
    }

    private static int[] labels(String name) throws Exception {
        try (InputStream in = SvmAxisFixtureTest.class.getResourceAsStream(DIR + name)) {
            double[] v = Npy.read(in, name).doubles();
            int[] out = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = (int) v[i];
            }
            return out;
        }
    }

    private static double[] array(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }

    private static double cosine(double[] a, double[] b) {
        return Vectors.dot(a, b) / (Vectors.norm(a) * Vectors.norm(b));
    }

    @Test
    void matchesScikitLearnsLinearSvmAndInterFaceGansSvc() throws Exception {
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream(DIR + "expected.json")) {
            expected = Json.mapper().readTree(in);
        }
        double[][] x = matrix("x.npy");
        int[] y = labels("y.npy");
        int dim = expected.get("dim").asInt();

        // the default (bias feature 1): LinearSVC(C=1)'s problem, and SVC's boundary
        JsonNode one = expected.get("linearsvc_scaling_1");
        double[] wb = SvmAxis.builder().tolerance(1e-9).build().train(x, y, 3);
        double[] w = java.util.Arrays.copyOf(wb, dim);
        double[] coef = array(one.get("coef"));
        for (int j = 0; j < dim; j++) {
            assertThat(w[j]).as("coef %d", j).isCloseTo(coef[j], within(1e-6));
        }
        assertThat(wb[dim]).isCloseTo(one.get("intercept").asDouble(), within(1e-6));
        double[] svc = array(expected.get("svc").get("coef"));
        assertThat(cosine(w, svc)).isGreaterThan(0.999);
        // intercept_scaling 10
        JsonNode ten = expected.get("linearsvc_scaling_10");
        double[] wb10 = SvmAxis.builder().biasScaling(10).tolerance(1e-9).build().train(x, y, 3);
        double[] coef10 = array(ten.get("coef"));
        for (int j = 0; j < dim; j++) {
            assertThat(wb10[j]).as("coef %d", j).isCloseTo(coef10[j], within(1e-6));
        }
        assertThat(wb10[dim]).isCloseTo(ten.get("intercept").asDouble(), within(1e-5));
        // the default tolerance gives the same coefficients to 1e-5
        double[] coarse = SvmAxis.builder().build().train(x, y, 3);
        for (int j = 0; j < dim; j++) {
            assertThat(coarse[j]).isCloseTo(coef[j], within(1e-5));
        }
        // every held-out extreme is classified as scikit-learn classifies it
        double[][] xv = matrix("x_val.npy");
        int[] yv = labels("y_val.npy");
        int ok = 0;
        for (int i = 0; i < xv.length; i++) {
            ok += (Vectors.dot(w, xv[i]) + wb[dim] >= 0 ? 1 : -1) == yv[i] ? 1 : 0;
        }
        assertThat((double) ok / xv.length)
                .isEqualTo(expected.get("svc").get("val_accuracy").asDouble());
    }
}
