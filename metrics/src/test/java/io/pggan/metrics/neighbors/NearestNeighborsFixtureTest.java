package io.pggan.metrics.neighbors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.pggan.metrics.Fixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** One test per {@code nn} case of expected.json (indices exact, distances 1e-12 relative). */
class NearestNeighborsFixtureTest {

    @TestFactory
    Stream<DynamicTest> everyNnCase() {
        return Fixtures.cases("nn").stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> check(e.getValue())));
    }

    private static void check(JsonNode c) {
        int k = c.get("k").asInt();
        boolean excl = c.get("exclude_self").asBoolean();
        NeighborResult r;
        if (c.get("space").asText().equals("pixel")) {
            r =
                    NearestNeighbors.pixel(
                            Fixtures.images(c.get("query").asText()),
                            Fixtures.images(c.get("ref").asText()),
                            k,
                            excl);
        } else {
            r =
                    NearestNeighbors.features(
                            Fixtures.matrix(c.get("query").asText()),
                            Fixtures.matrix(c.get("ref").asText()),
                            k,
                            excl);
        }
        double[][] dist = Fixtures.doubleMatrix(c.get("distance"));
        JsonNode index = c.get("index");
        assertThat(r.index()).hasNumberOfRows(index.size());
        for (int i = 0; i < index.size(); i++) {
            for (int j = 0; j < k; j++) {
                assertThat(r.index()[i][j])
                        .as("query %d rank %d", i, j)
                        .isEqualTo(index.get(i).get(j).asInt());
                assertThat(r.distance()[i][j])
                        .as("distance %d rank %d", i, j)
                        .isCloseTo(dist[i][j], within(1e-12 * Math.max(1.0, dist[i][j])));
            }
        }
    }
}
