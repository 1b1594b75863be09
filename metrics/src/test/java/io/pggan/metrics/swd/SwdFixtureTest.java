package io.pggan.metrics.swd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.pggan.io.NpyArray;
import io.pggan.metrics.Fixtures;
import io.pggan.metrics.Uint8Images;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** One test per {@code swd} and {@code laplacian_pyramid} case of expected.json. */
class SwdFixtureTest {

    @TestFactory
    Stream<DynamicTest> everySwdCase() {
        return Fixtures.cases("swd").stream()
                .flatMap(
                        e ->
                                Stream.of(
                                        DynamicTest.dynamicTest(
                                                e.getKey() + " explicit", () -> explicit(e)),
                                        DynamicTest.dynamicTest(
                                                e.getKey() + " seeded", () -> seeded(e))));
    }

    @TestFactory
    Stream<DynamicTest> everyPyramidCase() {
        return Fixtures.cases("laplacian_pyramid").stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> pyramid(e.getValue())));
    }

    private static SlicedWasserstein.Builder builder(JsonNode c) {
        assertThat(c.get("nhood_size").asInt()).isEqualTo(SlicedWasserstein.NHOOD);
        return SlicedWasserstein.builder()
                .gray(c.get("gray").asText().equals("tile") ? GrayMode.TILE : GrayMode.NATIVE)
                .nhoodsPerImage(c.get("nhoods_per_image").asInt())
                .dirRepeats(c.get("dir_repeats").asInt())
                .dirsPerRepeat(c.get("dirs_per_repeat").asInt())
                .minResolution(c.get("min_res").asInt());
    }

    static int[][] centres(String file) {
        NpyArray a = Fixtures.npy(file);
        int levels = a.dim(0);
        int per = a.dim(1) * a.dim(2);
        int[] v = a.ints();
        int[][] out = new int[levels][per];
        for (int l = 0; l < levels; l++) {
            System.arraycopy(v, l * per, out[l], 0, per);
        }
        return out;
    }

    static float[][][] dirs(String file) {
        NpyArray a = Fixtures.npy(file);
        int levels = a.dim(0);
        int reps = a.dim(1);
        int per = a.dim(2) * a.dim(3);
        double[] v = a.doubles();
        float[][][] out = new float[levels][reps][per];
        for (int l = 0; l < levels; l++) {
            for (int r = 0; r < reps; r++) {
                for (int k = 0; k < per; k++) {
                    out[l][r][k] = (float) v[(l * reps + r) * per + k];
                }
            }
        }
        return out;
    }

    private static void explicit(Map.Entry<String, JsonNode> e) {
        JsonNode c = e.getValue();
        JsonNode ex = c.get("explicit_mode");
        if (ex == null) {
            // this case only has seeded values; the seeded test covers it
            assertThat(c.get("seed_mode")).isNotNull();
            return;
        }
        Uint8Images a = Fixtures.images(c.get("a").asText());
        Uint8Images b = Fixtures.images(c.get("b").asText());
        for (SwdPrecision p : SwdPrecision.values()) {
            SlicedWasserstein swd = builder(c).precision(p).build();
            SwdResult r =
                    swd.compute(
                            a,
                            b,
                            PatchCentres.explicit(centres(ex.get("coords_a").asText())),
                            PatchCentres.explicit(centres(ex.get("coords_b").asText())),
                            ProjectionDirections.explicit(dirs(ex.get("dirs").asText())));
            assertResult(e.getKey(), r, ex, p);
        }
    }

    private static void seeded(Map.Entry<String, JsonNode> e) {
        JsonNode c = e.getValue();
        JsonNode s = c.get("seed_mode");
        assertThat(s.get("protocol").asText()).isEqualTo("pggan");
        Uint8Images a = Fixtures.images(c.get("a").asText());
        Uint8Images b = Fixtures.images(c.get("b").asText());
        SlicedWasserstein swd = builder(c).minibatch(s.get("minibatch").asInt()).build();
        SwdResult r = swd.compute(a, b, s.get("seed").asLong());
        assertResult(e.getKey(), r, s, SwdPrecision.FLOAT64);
    }

    private static void assertResult(String id, SwdResult r, JsonNode ex, SwdPrecision p) {
        String suffix = p == SwdPrecision.FLOAT64 ? "" : "_f32";
        double tol = p == SwdPrecision.FLOAT64 ? 1e-8 : 1e-4;
        JsonNode res = ex.get("resolutions");
        assertThat(r.resolutions()).hasSize(res.size());
        for (int l = 0; l < res.size(); l++) {
            assertThat(r.resolutions()[l]).isEqualTo(res.get(l).asInt());
        }
        double[] expected = Fixtures.doubles(ex.get("swd_x1e3" + suffix));
        for (int l = 0; l < expected.length; l++) {
            assertThat(r.perLevel()[l])
                    .as("%s level %d %s", id, l, p)
                    .isCloseTo(expected[l], within(tol * Math.abs(expected[l])));
        }
        double avg = ex.get("swd_x1e3_avg" + suffix).asDouble();
        assertThat(r.average()).isCloseTo(avg, within(tol * Math.abs(avg)));
    }

    private static void pyramid(JsonNode c) {
        Uint8Images img = Fixtures.images(c.get("image").asText());
        int index = c.get("index").asInt();
        double[] plane = new double[img.height() * img.width()];
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                plane[y * img.width() + x] = img.get(index, 0, y, x);
            }
        }
        JsonNode files = c.get("levels");
        double[][] pyr = LaplacianPyramid.build(plane, img.height(), img.width(), files.size());
        for (int l = 0; l < files.size(); l++) {
            NpyArray exp = Fixtures.npy(files.get(l).asText());
            assertThat(pyr[l]).hasSize(exp.size());
            double[] want = exp.doubles();
            for (int k = 0; k < exp.size(); k++) {
                double v = want[k];
                assertThat(pyr[l][k])
                        .as("level %d element %d", l, k)
                        .isCloseTo(v, within(1e-12 * Math.max(1.0, Math.abs(v))));
            }
        }
    }
}
