package io.pggan.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir Path dir;

    @Test
    void writesContentAndCreatesParents() throws IOException {
        Path target = dir.resolve("a/b/c.txt");
        AtomicFiles.writeString(target, "hello");
        assertThat(Files.readString(target)).isEqualTo("hello");
        AtomicFiles.writeBytes(target, "bye".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(target)).isEqualTo("bye");
        assertThat(listNames(target.getParent())).containsExactly("c.txt");
    }

    @Test
    void writtenFilesAreReadableByOthersNotOwnerOnly() throws IOException {
        Path target = dir.resolve("model.json");
        AtomicFiles.writeString(target, "{}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void failureLeavesTargetUntouchedAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("keep.txt");
        Files.writeString(target, "original");
        assertThatThrownBy(
                        () ->
                                AtomicFiles.write(
                                        target,
                                        out -> {
                                            out.write("partial".getBytes(StandardCharsets.UTF_8));
                                            throw new IOException("disk on fire");
                                        }))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("keep.txt")
                .hasMessageContaining("disk on fire");
        assertThat(Files.readString(target)).isEqualTo("original");
        assertThat(listNames(dir)).containsExactly("keep.txt");
    }

    @Test
    void tempSiblingIsInTheSameFolderAndMovesOver() throws IOException {
        Path target = dir.resolve("x.bin");
        Path temp = AtomicFiles.tempSibling(target);
        assertThat(temp.getParent()).isEqualTo(target.toAbsolutePath().getParent());
        assertThat(temp.getFileName().toString()).startsWith(AtomicFiles.TEMP_PREFIX);
        Files.write(temp, new byte[] {1, 2, 3});
        AtomicFiles.moveAtomically(temp, target);
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
        assertThat(Files.exists(temp)).isFalse();
    }

    private static java.util.List<String> listNames(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
