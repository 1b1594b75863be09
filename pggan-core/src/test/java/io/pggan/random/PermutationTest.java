package io.pggan.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PermutationTest {
    @Test
    void drawsAsCollectionsShuffleDoesAndIsAPermutation() {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            list.add(i);
        }
        Collections.shuffle(list, new Random(7));
        int[] p = Permutation.of(50, 7L);
        assertThat(p).containsExactly(list.stream().mapToInt(Integer::intValue).toArray());
        assertThat(p).containsExactlyInAnyOrder(Permutation.of(50, 8L));
        assertThat(Permutation.of(0, 1L)).isEmpty();
        int[] twice = {0, 1, 2, 3};
        Random r = new Random(3);
        Permutation.shuffle(twice, r);
        assertThat(twice).isNotEqualTo(new int[] {0, 1, 2, 3});
    }
}
