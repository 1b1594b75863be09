package io.pggan.metrics.fid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.pggan.metrics.Fixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** One test per {@code fid}, {@code kid} and {@code is} case of expected.json. */
class FeatureMetricsFixtureTest {

    @TestFactory
    Stream<DynamicTest> everyFidCase() {
        return Fixtures.cases("fid").stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> fid(e.getKey(), e.getValue())));
    }

    @TestFactory
    Stream<DynamicTest> everyKidCase() {
        return Fixtures.cases("kid").stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> kid(e.getValue())));
    }

    @TestFactory
    Stream<DynamicTest> everyIsCase() {
        return Fixtures.cases("is").stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> inceptionScore(e.getValue())));
    }

    private static void fid(String id, JsonNode c) {
        double[][] a = Fixtures.matrix(c.get("a").asText());
        double[][] b = Fixtures.matrix(c.get("b").asText());
        FidResult r = FidCalculator.compute(a, b);
        boolean singular = a.length <= a[0].length || b.length <= b[0].length;
        double rel = singular ? 1e-7 : 1e-9;
        double expected = c.get("fid").asDouble();
        if (Math.abs(expected) < 1e-9) {
            assertThat(r.fid()).as(id).isCloseTo(expected, within(1e-9));
        } else {
            assertThat(r.fid()).as(id).isCloseTo(expected, within(rel * Math.abs(expected)));
        }
        assertThat(r.meanSqDiff())
                .isCloseTo(c.get("mean_sq_diff").asDouble(), within(1e-9 * (1 + r.meanSqDiff())));
        assertThat(r.traceS1()).isCloseTo(c.get("trace_s1").asDouble(), within(1e-9 * r.traceS1()));
        assertThat(r.traceS2()).isCloseTo(c.get("trace_s2").asDouble(), within(1e-9 * r.traceS2()));
        double tr = c.get("trace_sqrt_s1s2").asDouble();
        assertThat(r.traceSqrtS1S2()).isCloseTo(tr, within(rel * tr));
    }

    private static void kid(JsonNode c) {
        double[][] a = Fixtures.matrix(c.get("a").asText());
        double[][] b = Fixtures.matrix(c.get("b").asText());
        assertThat(c.get("estimator").asText()).isEqualTo("unbiased");
        assertThat(c.get("gamma").asDouble()).isEqualTo(1.0 / a[0].length);
        KidCalculator kid =
                KidCalculator.builder()
                        .subsets(c.get("subsets").asInt())
                        .subsetSize(c.get("subset_size").asInt())
                        .seed(c.get("seed").asLong())
                        .degree(c.get("degree").asInt())
                        .coef0(c.get("coef0").asDouble())
                        .build();
        int[][] ia = Fixtures.intMatrix(c.get("idx_a").asText());
        int[][] ib = Fixtures.intMatrix(c.get("idx_b").asText());
        // the seeded draw must reproduce torch-fidelity's subsets (the index files)
        int[][][] drawn = kid.drawSubsets(a.length, b.length);
        assertThat(drawn[0]).isDeepEqualTo(ia);
        assertThat(drawn[1]).isDeepEqualTo(ib);
        KidResult given = kid.computeSubsets(a, b, ia, ib);
        double[] per = Fixtures.doubles(c.get("per_subset"));
        for (KidResult r : new KidResult[] {given}) {
            assertThat(r.perSubset()).hasSize(per.length);
            for (int s = 0; s < per.length; s++) {
                assertThat(r.perSubset()[s])
                        .as("subset %d", s)
                        .isCloseTo(per[s], within(1e-9 * Math.max(Math.abs(per[s]), 1e-3)));
            }
            double m = c.get("kid_mean").asDouble();
            assertThat(r.mean()).isCloseTo(m, within(1e-9 * Math.max(Math.abs(m), 1e-3)));
            double sd = c.get("kid_std").asDouble();
            assertThat(r.std()).isCloseTo(sd, within(1e-9 * Math.max(Math.abs(sd), 1e-3)));
        }
        if (c.has("mmd2_unbiased_all_samples")) {
            double all = c.get("mmd2_unbiased_all_samples").asDouble();
            assertThat(kid.mmd2Unbiased(a, b))
                    .isCloseTo(all, within(1e-9 * Math.max(Math.abs(all), 1e-3)));
        }
        if (c.has("mmd2_unbiased_first_n_rows")) {
            int n = Math.min(a.length, b.length);
            double v = c.get("mmd2_unbiased_first_n_rows").asDouble();
            assertThat(
                            kid.mmd2Unbiased(
                                    java.util.Arrays.copyOf(a, n), java.util.Arrays.copyOf(b, n)))
                    .isCloseTo(v, within(1e-9 * Math.max(Math.abs(v), 1e-3)));
        }
    }

    private static void inceptionScore(JsonNode c) {
        double[][] p = Fixtures.matrix(c.get("probs").asText());
        int splits = c.get("splits").asInt();
        InceptionScoreResult r = InceptionScore.compute(p, false, splits, null);
        assertIs(r, c);
        JsonNode sh = c.get("shuffled");
        int[] perm = Fixtures.npy(sh.get("perm").asText()).ints();
        assertIs(InceptionScore.compute(p, false, splits, perm), sh);
        if (splits == InceptionScore.DEFAULT_SPLITS) {
            assertIs(InceptionScore.fromProbabilities(p), c);
            assertIs(InceptionScore.torchFidelity(p, false), sh);
        }
        // logits = log p give the same score after the softmax
        double[][] logits = new double[p.length][p[0].length];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[0].length; j++) {
                logits[i][j] = Math.log(p[i][j]) + 3.0;
            }
        }
        InceptionScoreResult fromLogits = InceptionScore.compute(logits, true, splits, null);
        assertThat(fromLogits.mean()).isCloseTo(r.mean(), within(1e-10 * r.mean()));
    }

    private static void assertIs(InceptionScoreResult r, JsonNode c) {
        double[] scores = Fixtures.doubles(c.get("split_scores"));
        for (int s = 0; s < scores.length; s++) {
            assertThat(r.splitScores()[s]).isCloseTo(scores[s], within(1e-12 * scores[s]));
        }
        double m = c.get("is_mean").asDouble();
        assertThat(r.mean()).isCloseTo(m, within(1e-12 * m));
        double sd = c.get("is_std").asDouble();
        assertThat(r.std()).isCloseTo(sd, within(1e-12 * m));
    }
}
