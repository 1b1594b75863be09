package io.pggan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.junit.jupiter.api.Test;

class OpenMpWaitingTest {
    interface Env extends Library {
        String getenv(String name);
    }

    @Test
    void setsThePassiveWaitPolicyInTheProcessEnvironment() {
        assertThat(OpenMpWaiting.preferPassive()).isTrue();
        Env libc = Native.load("c", Env.class);
        // surefire exports the same values; the user's own values are never overwritten
        assertThat(libc.getenv("KMP_BLOCKTIME")).isEqualTo("0");
        assertThat(libc.getenv("OMP_WAIT_POLICY")).isEqualTo("PASSIVE");
    }
}
