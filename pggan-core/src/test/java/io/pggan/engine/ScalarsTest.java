package io.pggan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScalarsTest {
    @BeforeAll
    static void engine() {
        PgganEngine.start(1);
    }

    /**
     * Between forward and backward, a garbage collection runs and fresh direct buffers full of a
     * marker value take over freed memory. With DJL's {@code x.mul(0.25f)} the backward pass then
     * reads freed memory (the corruption this class exists for); with {@link Scalars} the gradient
     * is exactly the factor.
     */
    @Test
    void gradientsSurviveAGarbageCollectionBeforeBackward() {
        for (int rep = 0; rep < 20; rep++) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = m.ones(new Shape(64));
                x.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = Scalars.over(Scalars.times(x, 0.25f), 2f).sum();
                    churnDirectMemory();
                    gc.backward(y);
                }
                assertThat(x.getGradient().toFloatArray()).containsOnly(0.125f);
            }
        }
    }

    @Test
    void valuesAndTypesMatchThePlainOperations() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, -2, 3});
            assertThat(Scalars.times(x, 3f).toFloatArray()).containsExactly(3f, -6f, 9f);
            assertThat(Scalars.over(x, 2f).toFloatArray()).containsExactly(0.5f, -1f, 1.5f);
            assertThat(Scalars.times(x, 3f).getShape()).isEqualTo(new Shape(3));
        }
    }

    private static void churnDirectMemory() {
        System.gc();
        List<ByteBuffer> junk = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4);
            b.putFloat(0, 1e30f);
            junk.add(b);
        }
        assertThat(junk).hasSize(256);
    }
}
