package io.pggan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeMemoryTest {
    /**
     * On this Linux build machine the C library is glibc, so {@code mallopt} is found and called.
     * (What the settings save, page faults, is measured by {@code PgganTrainingBenchmark} under
     * {@code /usr/bin/time}; a unit test cannot observe it reliably, since a malloc reuses whatever
     * earlier tests freed.)
     */
    @Test
    void glibcMalloptIsFoundAndCalled() {
        assertThat(NativeMemory.keepFreedMemory()).isTrue();
        assertThat(NativeMemory.mallopt().getName()).isEqualTo("mallopt");
    }
}
