package io.pggan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class PgganEngineTest {
    @Test
    void startsPyTorchOfflineOnTheCpu() {
        PgganEngine started = PgganEngine.start(2);
        assertThat(started.engine().getEngineName()).isEqualTo("PyTorch");
        assertThat(started.engine().getVersion()).startsWith("2.5.1");
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(PgganEngine.start()).isSameAs(started);
        try (NDManager manager = NDManager.newBaseManager(started.device())) {
            NDArray x = manager.arange(4f).reshape(2, 2);
            assertThat(x.matMul(x).toFloatArray()).containsExactly(2f, 3f, 6f, 11f);
        }
    }

    @Test
    void refusesZeroThreads() {
        assertThatThrownBy(() -> PgganEngine.start(0)).hasMessageContaining("threads");
    }
}
