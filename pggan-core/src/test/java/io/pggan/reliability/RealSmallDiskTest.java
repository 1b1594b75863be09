package io.pggan.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.pggan.io.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The writers of {@link WritersOnFullDiskTest} on a real small file system instead of the injected
 * one; skipped unless {@code -Dpggan.test.smallDisk=FOLDER} names an empty folder on a file system
 * of about 256 kB (run as root):
 *
 * <pre>
 * mkdir -p /tmp/tiny &amp;&amp; mount -t tmpfs -o size=256k tmpfs /tmp/tiny
 * mvn test -pl pggan-core -Dtest=RealSmallDiskTest -Dpggan.test.smallDisk=/tmp/tiny
 * umount /tmp/tiny
 * </pre>
 */
class RealSmallDiskTest {
    static final String PROPERTY = "pggan.test.smallDisk";

    static Iterable<WritersOnFullDiskTest.Case> writers() {
        return WritersOnFullDiskTest.writers();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void aFullDiskKeepsThePreviousFile(WritersOnFullDiskTest.Case c) throws Exception {
        String folder = System.getProperty(PROPERTY);
        assumeThat(folder).as(PROPERTY).isNotNull();
        Path dir = Path.of(folder);
        Path f = dir.resolve(c.file());
        try {
            c.writer().write(f, 1);
            byte[] good = Files.readAllBytes(f);
            // version 200 of every writer is larger than the 256 kB disk
            assertThatThrownBy(() -> c.writer().write(f, 200))
                    .hasMessageContaining(c.file())
                    .hasStackTraceContaining("No space left on device");
            assertThat(Files.readAllBytes(f)).isEqualTo(good);
            assertThat(WritersOnFullDiskTest.temps(dir)).isEmpty();
        } finally {
            AtomicFiles.deleteQuietly(f);
        }
    }
}
