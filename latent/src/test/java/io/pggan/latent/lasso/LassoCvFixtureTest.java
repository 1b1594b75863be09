package io.pggan.latent.lasso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.io.Npy;
import io.pggan.io.NpyArray;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reproduces every case of the scikit-learn LassoCV fixtures (src/test/resources/lasso, a copy of
 * fixtures/lasso/public) with the tolerances suggested in its README.
 */
class LassoCvFixtureTest {
    private static final double TIGHT = 1e-12;
    private static JsonNode expected;
    private static Path dir;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        dir =
                Path.of(LassoCvFixtureTest.class.getResource("/lasso/expected.json").toURI())
                        .getParent();
        expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
    }

    static Stream<String> cases() throws IOException, URISyntaxException {
        load();
        List<String> names = new ArrayList<>();
        expected.get("cases").fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    private static LassoCv tight() {
        return LassoCv.builder().tol(TIGHT).maxIter(1_000_000).build();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reproducesCrossValidationAndRefit(String name) throws IOException {
        JsonNode c = expected.get("cases").get(name);
        Design x = Design.of(read(c, "X").matrix());
        double[] y = read(c, "y").doubles();
        int[] folds = read(c, "fold_id").ints();

        LassoCvResult r = tight().fit(x, y, folds);
        JsonNode cv = c.get("cv");
        JsonNode cvt = c.get("cv_tight");
        assertRel(r.alphas(), doubles(cv.get("alphas")), 1e-12, name + " alphas");
        double[][] mse = matrix(cvt.get("mse_path"));
        for (int a = 0; a < mse.length; a++) {
            assertRel(r.msePath()[a], mse[a], 1e-6, name + " mse_path[" + a + "]");
        }
        assertRel(r.meanMse(), doubles(cvt.get("mean_mse")), 1e-6, name + " mean_mse");
        assertRel(r.seMse(), doubles(cvt.get("se_mse_ddof1")), 1e-6, name + " se_mse_ddof1");
        assertThat(r.indexMin()).as(name + " index_min").isEqualTo(cvt.get("index_min").asInt());
        assertThat(r.indexOneSe())
                .as(name + " index_1se_ddof1")
                .isEqualTo(cvt.get("index_1se_ddof1").asInt());
        assertThat(r.unconvergedFits()).isZero();

        JsonNode ft = c.get("fit_tight");
        LassoModel m = r.model();
        assertThat(m.alpha()).isEqualTo(ft.get("alpha").asDouble(), within(1e-12 * m.alpha()));
        assertCoef(c, m.coef(), doubles(ft.get("coef")), 1e-6, name + " fit_tight.coef");
        assertThat(m.intercept()).isCloseTo(ft.get("intercept").asDouble(), within(1e-6));
        double obj = ft.get("objective").asDouble();
        assertThat(m.objective(x, y)).isCloseTo(obj, within(1e-9 * Math.abs(obj)));
        assertThat(m.converged()).isTrue();

        assertErrors(
                ErrorSummary.of(m, x, y),
                c.get("fit").get("train_abs_err_all_rows"),
                name + " train_abs_err_all_rows");

        // ddof 0 standard errors and the 1-SE refit
        assertRel(r.seMse(0), doubles(cvt.get("se_mse_ddof0")), 1e-6, name + " se_mse_ddof0");
        assertThat(r.indexOneSe(0)).isEqualTo(cvt.get("index_1se_ddof0").asInt());
        LassoModel oneSe = tight().fitAt(x, y, r.alphaOneSe());
        JsonNode ref1se = c.get("fit").get("refit_at_alpha_1se_ddof1");
        // the reference refit used tol 1e-7 (README: up to 1.5e-5 on correlated coefficients)
        assertCoef(c, oneSe.coef(), doubles(ref1se.get("coef")), 1e-4, name + " 1se coef");
        // a coefficient at the edge of the support may be tiny in one solution and 0 in the other
        assertThat(oneSe.nonZero()).isCloseTo(ref1se.get("n_nonzero").asInt(), within(1));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void glmnetFoldWeightingPicksGlmnetsLambdas(String name) throws IOException {
        JsonNode c = expected.get("cases").get(name);
        Design x = Design.of(read(c, "X").matrix());
        double[] y = read(c, "y").doubles();
        int[] folds = read(c, "fold_id").ints();
        LassoCvResult r = tight().toBuilder().weightFoldsBySize(true).build().fit(x, y, folds);
        double[][] mse = matrix(c.get("cv_tight").get("mse_path"));
        double[] sizes = doubles(c.get("fold_sizes"));
        double total = java.util.stream.DoubleStream.of(sizes).sum();
        for (int a = 0; a < mse.length; a++) {
            double m = 0;
            double ss = 0;
            for (int f = 0; f < sizes.length; f++) {
                m += sizes[f] * mse[a][f] / total;
            }
            for (int f = 0; f < sizes.length; f++) {
                ss += sizes[f] * (mse[a][f] - m) * (mse[a][f] - m) / total;
            }
            double cvsd = Math.sqrt(ss / (sizes.length - 1));
            assertThat(r.meanMse()[a]).isCloseTo(m, within(1e-6 * m));
            assertThat(r.seMse()[a]).isCloseTo(cvsd, within(1e-6 * cvsd));
            assertThat(r.seMse(1)[a]).isEqualTo(r.seMse()[a]);
        }
        JsonNode glmnet = c.get("glmnet_crosscheck");
        assertThat(r.indexMin()).isEqualTo(glmnet.get("index_lambda_min").asInt());
        assertThat(r.indexOneSe()).isEqualTo(glmnet.get("index_lambda_1se").asInt());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reproducesPathCheckpoints(String name) throws IOException {
        JsonNode c = expected.get("cases").get(name);
        Design x = Design.of(read(c, "X").matrix());
        double[] y = read(c, "y").doubles();
        for (var e : c.get("path_checkpoints").properties()) {
            JsonNode cp = e.getValue();
            LassoModel m = tight().fitAt(x, y, cp.get("alpha").asDouble());
            String what = name + " checkpoint " + e.getKey();
            assertCoef(c, m.coef(), doubles(cp.get("coef")), 1e-6, what);
            assertThat(m.intercept())
                    .as(what)
                    .isCloseTo(cp.get("intercept").asDouble(), within(1e-6));
            double obj = cp.get("objective").asDouble();
            assertThat(m.objective(x, y)).as(what).isCloseTo(obj, within(1e-9 * Math.abs(obj)));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reproducesHoldOutSplit(String name) throws IOException {
        JsonNode c = expected.get("cases").get(name);
        Design x = Design.of(read(c, "X").matrix());
        double[] y = read(c, "y").doubles();
        int[] trainIdx = read(c, "train_idx").ints();
        int[] testIdx = read(c, "test_idx").ints();
        int[] trainFolds = read(c, "train_fold_id").ints();
        Design xTrain = Design.subset(x, trainIdx);
        Design xTest = Design.subset(x, testIdx);
        double[] yTrain = pick(y, trainIdx);
        double[] yTest = pick(y, testIdx);
        JsonNode split = c.get("split");

        JsonNode fixed = split.get("fixed_alpha");
        LassoModel mf = tight().fitAt(xTrain, yTrain, fixed.get("alpha").asDouble());
        // a Lasso fit at scikit-learn's tol 1e-7: README's loose column (1.5e-5 on correlated)
        assertCoef(c, mf.coef(), doubles(fixed.get("coef")), 1e-4, name + " fixed_alpha coef");
        assertErrorsLoose(ErrorSummary.of(mf, xTrain, yTrain), fixed.get("train"));
        assertErrorsLoose(ErrorSummary.of(mf, xTest, yTest), fixed.get("test"));

        // cv_on_train comes from the tol=1e-7 LassoCV: compare at the looser column of the README
        JsonNode cot = split.get("cv_on_train");
        LassoHoldOut h =
                tight().toBuilder()
                        .tol(1e-9)
                        .build()
                        .fitHoldOut(x, y, trainIdx, testIdx, trainFolds);
        LassoCvResult r = h.cv();
        assertThat(r.alphas()[0])
                .isCloseTo(cot.get("alpha_max").asDouble(), within(1e-12 * r.alphas()[0]));
        assertRel(r.alphas(), doubles(cot.get("alphas")), 1e-12, name + " cv_on_train alphas");
        assertRel(r.meanMse(), doubles(cot.get("mean_mse")), 5e-4, name + " cv_on_train mean_mse");
        // up to index_min the tol=1e-7 reference is within ~1e-6 of the tight solution (README)
        int upTo = cot.get("index_min").asInt() + 1;
        assertRel(
                Arrays.copyOf(r.seMse(), upTo),
                Arrays.copyOf(doubles(cot.get("se_mse_ddof1")), upTo),
                1e-4,
                name + " cv_on_train se");
        assertThat(r.indexMin()).isEqualTo(cot.get("index_min").asInt());
        assertThat(r.indexOneSe()).isEqualTo(cot.get("index_1se_ddof1").asInt());
        assertCoef(c, r.model().coef(), doubles(cot.get("coef")), 1e-4, name + " cv_on_train coef");
        assertErrorsLoose(h.train(), cot.get("train"));
        assertErrorsLoose(h.test(), cot.get("test"));
        assertThat(h.test().mean()).isLessThan(h.testOfMean().mean());
    }

    // ---- helpers

    private static NpyArray read(JsonNode c, String key) throws IOException {
        return Npy.read(dir.resolve(c.get("files").get(key).get("file").asText()));
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }

    static double[] doubles(JsonNode arr) {
        double[] out = new double[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(i).asDouble();
        }
        return out;
    }

    private static double[][] matrix(JsonNode arr) {
        double[][] out = new double[arr.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(arr.get(i));
        }
        return out;
    }

    private static void assertRel(
            double[] actual, double[] expectedValues, double rel, String what) {
        assertThat(actual).as(what + " length").hasSameSizeAs(expectedValues);
        for (int i = 0; i < actual.length; i++) {
            double e = expectedValues[i];
            assertThat(actual[i])
                    .as(what + "[" + i + "]")
                    .isCloseTo(e, within(rel * Math.max(Math.abs(e), 1e-300)));
        }
    }

    /**
     * Coefficients within {@code tol}; for the duplicated column pair only their sum is defined,
     * and a constant column must be exactly 0.
     */
    private static void assertCoef(
            JsonNode c, double[] actual, double[] exp, double tol, String what) {
        JsonNode gen = c.get("generation");
        int dup = gen.has("duplicated_column") ? gen.get("duplicated_column").asInt() : -1;
        int src = gen.has("duplicate_of") ? gen.get("duplicate_of").asInt() : -1;
        int constant = gen.has("constant_column") ? gen.get("constant_column").asInt() : -1;
        assertThat(actual).as(what + " length").hasSameSizeAs(exp);
        for (int j = 0; j < actual.length; j++) {
            if (j == dup || j == src) {
                continue;
            }
            assertThat(actual[j]).as(what + "[" + j + "]").isCloseTo(exp[j], within(tol));
        }
        if (dup >= 0) {
            assertThat(actual[dup] + actual[src])
                    .as(what + " duplicate pair sum")
                    .isCloseTo(exp[dup] + exp[src], within(tol));
        }
        if (constant >= 0) {
            assertThat(actual[constant]).as(what + " constant column").isEqualTo(0.0);
        }
    }

    private static void assertErrors(ErrorSummary s, JsonNode e, String what) {
        assertThat(s.n()).isEqualTo(e.get("n").asInt());
        assertThat(s.mean())
                .as(what + " mean")
                .isCloseTo(e.get("mean").asDouble(), within(1e-6 * e.get("mean").asDouble()));
        assertThat(s.sdDdof0())
                .as(what + " sd0")
                .isCloseTo(
                        e.get("sd_ddof0").asDouble(), within(1e-6 * e.get("sd_ddof0").asDouble()));
        assertThat(s.sdDdof1())
                .as(what + " sd1")
                .isCloseTo(
                        e.get("sd_ddof1").asDouble(), within(1e-6 * e.get("sd_ddof1").asDouble()));
        assertThat(s.median())
                .as(what + " median")
                .isCloseTo(e.get("median").asDouble(), within(1e-5 * e.get("median").asDouble()));
        assertThat(s.max())
                .as(what + " max")
                .isCloseTo(e.get("max").asDouble(), within(1e-5 * e.get("max").asDouble()));
    }

    /** Error summaries of fits the reference made at scikit-learn's tol 1e-7. */
    private static void assertErrorsLoose(ErrorSummary s, JsonNode e) {
        assertThat(s.n()).isEqualTo(e.get("n").asInt());
        assertThat(s.median())
                .isCloseTo(e.get("median").asDouble(), within(1e-3 * e.get("median").asDouble()));
        assertThat(s.mean())
                .isCloseTo(e.get("mean").asDouble(), within(1e-4 * e.get("mean").asDouble()));
        assertThat(s.sdDdof1())
                .isCloseTo(
                        e.get("sd_ddof1").asDouble(), within(1e-4 * e.get("sd_ddof1").asDouble()));
    }
}
