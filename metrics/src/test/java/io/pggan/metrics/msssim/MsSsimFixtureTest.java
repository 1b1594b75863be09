package io.pggan.metrics.msssim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.pggan.metrics.Fixtures;
import io.pggan.metrics.Uint8Images;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** One test per {@code msssim} case of expected.json (1e-9 absolute, as the README suggests). */
class MsSsimFixtureTest {
    private static final double TOL = 1e-9;

    @TestFactory
    Stream<DynamicTest> everyMsSsimCase() {
        return Fixtures.cases("msssim").stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> check(e)));
    }

    private static void check(Map.Entry<String, JsonNode> e) {
        JsonNode c = e.getValue();
        assertThat(c.get("max_val").asDouble()).isEqualTo(255.0);
        assertThat(Fixtures.doubles(c.get("weights"))).containsExactly(MsSsim.WEIGHTS);
        Uint8Images a = Fixtures.images(c.get("a").asText());
        for (boolean f32 : new boolean[] {true, false}) {
            MsSsim ms = MsSsim.builder().float32Products(f32).build();
            MsSsimResult r;
            Uint8Images b;
            int[] first;
            switch (c.get("pairs").asText()) {
                case "aligned" -> {
                    b = Fixtures.images(c.get("b").asText());
                    r = ms.aligned(a, b);
                    first = new int[] {0, 0};
                }
                case "consecutive" -> {
                    b = a;
                    r = ms.consecutivePairs(a);
                    first = new int[] {0, 1};
                }
                case "file" -> {
                    b = a;
                    int[][] pairs = Fixtures.intMatrix(c.get("pairs_file").asText());
                    r = ms.givenPairs(a, pairs);
                    first = pairs[0];
                }
                default -> throw new IllegalStateException(c.get("pairs").asText());
            }
            String suffix = f32 ? "" : "_f64";
            double[] expected = Fixtures.doubles(c.get("per_pair" + suffix));
            assertThat(r.pairCount()).isEqualTo(expected.length);
            for (int k = 0; k < expected.length; k++) {
                assertThat(r.perPair()[k])
                        .as("%s pair %d%s", e.getKey(), k, suffix)
                        .isCloseTo(expected[k], within(TOL));
            }
            assertThat(r.mean()).isCloseTo(c.get("mean" + suffix).asDouble(), within(TOL));
            if (f32) {
                double[][] lv = ms.levels(a, first[0], b, first[1]);
                JsonNode levels = c.get("first_pair_levels");
                for (int l = 0; l < levels.size(); l++) {
                    assertThat(lv[l][0])
                            .as("ssim level %d", l)
                            .isCloseTo(levels.get(l).get("ssim").asDouble(), within(TOL));
                    assertThat(lv[l][1])
                            .as("cs level %d", l)
                            .isCloseTo(levels.get(l).get("cs").asDouble(), within(TOL));
                }
            }
        }
    }
}
