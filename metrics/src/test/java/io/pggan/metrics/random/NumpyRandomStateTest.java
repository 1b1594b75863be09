package io.pggan.metrics.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pggan.metrics.Fixtures;
import org.junit.jupiter.api.Test;

class NumpyRandomStateTest {
    @Test
    void reproducesNumpyLegacyDrawsOfTheFixture() {
        JsonNode c = Fixtures.expected().get("numpy_legacy_rng_checks");
        NumpyRandomState rng = new NumpyRandomState(c.get("seed").asLong());
        JsonNode ri = c.get("randint_3_61_x8");
        long[] got = rng.randint(3, 61, ri.size());
        for (int i = 0; i < ri.size(); i++) {
            assertThat(got[i]).as("randint %d", i).isEqualTo(ri.get(i).asLong());
        }
        JsonNode rn = c.get("randn_x6");
        double[] g = rng.randn(rn.size());
        for (int i = 0; i < rn.size(); i++) {
            assertThat(g[i]).as("randn %d", i).isEqualTo(rn.get(i).asDouble());
        }
        JsonNode ch = c.get("choice_100_5_noreplace");
        int[] choice = rng.choiceWithoutReplacement(100, ch.size());
        for (int i = 0; i < ch.size(); i++) {
            assertThat(choice[i]).as("choice %d", i).isEqualTo(ch.get(i).asInt());
        }
        JsonNode pm = c.get("permutation_10");
        int[] perm = rng.permutation(pm.size());
        for (int i = 0; i < pm.size(); i++) {
            assertThat(perm[i]).as("permutation %d", i).isEqualTo(pm.get(i).asInt());
        }
    }

    @Test
    void permutationOfFixtureMatchesTorchFidelityShuffle() {
        int[] expected = Fixtures.npy("is_perm_seed2020.npy").ints();
        int[] got = new NumpyRandomState(2020).permutation(expected.length);
        assertThat(got).containsExactly(expected);
    }

    @Test
    void rejectsSeedOutsideUint32() {
        assertThatThrownBy(() -> new NumpyRandomState(-1)).hasMessageContaining("seed");
        assertThatThrownBy(() -> new NumpyRandomState(1L << 32)).hasMessageContaining("seed");
    }
}
