package io.pggan.reliability;

import static io.pggan.fuzz.FuzzSeedsWriter.bomb;
import static io.pggan.fuzz.FuzzSeedsWriter.idx;
import static io.pggan.fuzz.FuzzSeedsWriter.npyHeader;
import static io.pggan.fuzz.FuzzSeedsWriter.pngHeader;
import static io.pggan.fuzz.FuzzSeedsWriter.pngWithoutPixels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.pggan.crash.ChildJvm;
import io.pggan.data.DataException;
import io.pggan.data.ImageFiles;
import io.pggan.data.dicom.DicomReader;
import io.pggan.data.dicom.TestDicomWriter;
import io.pggan.data.folder.ImageFolder;
import io.pggan.data.idx.IdxImages;
import io.pggan.data.rsna.RsnaDataset;
import io.pggan.fuzz.CoreReadersFuzzTest;
import io.pggan.gan.training.Checkpoints;
import io.pggan.io.ImagePng;
import io.pggan.io.Json;
import io.pggan.io.Npy;
import io.pggan.io.Npz;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: headers announcing huge sizes are refused before anything of that size is allocated,
 * and links in folders cannot make a reader leave its folder. The test JVM's heap (6 GB) is smaller
 * than any of the announced sizes, so an attempt to allocate them would fail with an
 * OutOfMemoryError instead of the documented exception.
 */
class HostileFilesTest {
    @TempDir Path dir;

    Path file(String name, byte[] data) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.write(f, data);
        return f;
    }

    @Test
    void anImageOf100000By100000IsRefusedByItsHeader() throws IOException {
        Path png = file("huge.png", pngHeader(100_000, 100_000));
        assertThatThrownBy(() -> ImageFiles.read(png))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("huge.png")
                .hasMessageContaining("100000x100000");
    }

    @Test
    void anImageWhosePixelsWouldFillTheHeapIsRefusedBeforeDecoding() throws Exception {
        // 8192 x 8192 is within the side limit, but 16-bit RGBA decodes to 512 MB: more than an
        // eighth of a 1 GB heap (a child JVM's)
        Path png = file("deep.png", pngWithoutPixels(8192, 8192, 16, 6));
        try (ChildJvm child = ChildJvm.start(ReadImageChild.class, List.of(), png.toString())) {
            assertThat(child.awaitExit(60_000)).isZero();
            assertThat(child.output())
                    .contains("REFUSED " + png)
                    .contains("64 bits per pixel")
                    .contains("raise -Xmx");
        }
    }

    @Test
    void aDicomOf100000By100000IsRefusedByItsHeader() throws IOException {
        TestDicomWriter w = new TestDicomWriter(4, 4, 16, 12).ramp();
        w.hugeSide = 100_000;
        Path dcm = file("huge.dcm", w.bytes());
        assertThatThrownBy(() -> DicomReader.defaults().read(dcm))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("huge.dcm")
                .hasMessageContaining("100000");
    }

    @Test
    void anIdxFileOf100000By100000ImagesIsRefusedByItsHeader() throws IOException {
        Path f = file("huge.idx", idx(new int[] {1000, 100_000, 100_000}, 16));
        assertThatThrownBy(() -> IdxImages.read(f))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("huge.idx");
    }

    @Test
    void aNpyOf2Pow40ElementsIsRefusedByItsHeader() throws IOException {
        Path f = file("huge.npy", npyHeader("<f4", "(1048576, 1048576)"));
        assertThatThrownBy(() -> Npy.read(f))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("huge.npy")
                .hasMessageContaining("(1048576, 1048576)");
        // a size that overflows 64 bits
        Path g = file("overflow.npy", npyHeader("<f8", "(2305843009213693952,)"));
        assertThatThrownBy(() -> Npy.read(g))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("too many");
    }

    @Test
    void aZipEntryInflatingBeyondTheHeapShareIsRefusedWhileInflating() throws IOException {
        // 2^31 doubles announced; the entry inflates to 64 MB of zeros, far less than announced,
        // but a reader that trusted the header would allocate 16 GB first
        Path npz = file("bomb.npz", bomb("w.npy", npyHeader("<f8", "(2147483648,)"), 64 << 20));
        assertThatThrownBy(() -> Npz.read(npz))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("bomb.npz")
                .hasMessageContaining("too large");
        Path ck = file("checkpoint.zip", bomb("config.json", new byte[0], 64 << 20));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Checkpoints.read(ck, m, CoreReadersFuzzTest.tinyConfig()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("checkpoint.zip")
                    .hasMessageContaining("larger than");
        }
    }

    @Test
    void aWriterReplacesALinkInsteadOfWritingThroughIt() throws IOException {
        // a run folder whose checkpoint.zip (or any output) is a link to a file elsewhere: the
        // atomic rename replaces the link, the file it pointed to is left alone
        Path outside = file("outside/precious.txt", "keep".getBytes(StandardCharsets.UTF_8));
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Path target = run.resolve("metrics.json");
        Files.createSymbolicLink(target, outside);
        Json.write(target, java.util.Map.of("fid", 1.5));
        assertThat(Files.readString(outside)).isEqualTo("keep");
        assertThat(Files.isSymbolicLink(target)).isFalse();
        assertThat(Files.readString(target)).contains("1.5");
    }

    @Test
    void aStoreLevelFileThatIsALinkIsRefused() throws IOException {
        Path store = dir.resolve("store");
        io.pggan.data.store.MultiResolutionStore.builder()
                .source(io.pggan.fuzz.StoreFixture.ramps(2, 8))
                .folder(store)
                .progress(false)
                .build()
                .close();
        Path outside = file("elsewhere.bin", Files.readAllBytes(store.resolve("r03.bin")));
        Files.delete(store.resolve("r03.bin"));
        Files.createSymbolicLink(store.resolve("r03.bin"), outside);
        assertThatThrownBy(() -> io.pggan.data.store.MultiResolutionStore.open(store, false))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("r03.bin")
                .hasMessageContaining("is a link");
    }

    @Test
    void anImageFolderSkipsLinksLeadingOutOfIt() throws IOException {
        Path outside = dir.resolve("outside");
        Files.createDirectories(outside);
        ImagePng.writeGray(outside.resolve("secret.png"), new float[16], 4, 4);
        Path folder = dir.resolve("images");
        Files.createDirectories(folder.resolve("sub"));
        ImagePng.writeGray(folder.resolve("a.png"), new float[16], 4, 4);
        Files.createSymbolicLink(folder.resolve("link.png"), outside.resolve("secret.png"));
        Files.createSymbolicLink(folder.resolve("sub").resolve("up"), outside);
        ImageFolder f = ImageFolder.builder().folder(folder).resolution(4).recursive(true).build();
        assertThat(f.files()).extracting(p -> p.getFileName().toString()).containsExactly("a.png");
    }

    @Test
    void anRsnaImageThatLinksOutOfItsFolderIsRefused() throws IOException {
        Path images = dir.resolve("boneage-training-dataset");
        Files.createDirectories(images);
        ImagePng.writeGray(dir.resolve("secret.png"), new float[16], 4, 4);
        ImagePng.writeGray(images.resolve("1.png"), new float[16], 4, 4);
        Files.createSymbolicLink(images.resolve("2.png"), dir.resolve("secret.png"));
        Files.writeString(
                dir.resolve("boneage-training-dataset.csv"),
                "id,boneage,male\n1,100,True\n2,120,False\n");
        assertThatThrownBy(() -> RsnaDataset.builder().root(dir).resolution(4).build())
                .isInstanceOf(DataException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("outside");
        Files.writeString(
                dir.resolve("boneage-training-dataset.csv"),
                "id,boneage,male\n1,100,True\n../secret,120,False\n");
        assertThatThrownBy(() -> RsnaDataset.builder().root(dir).resolution(4).build())
                .isInstanceOf(DataException.class)
                .hasMessageContaining("line 3");
    }
}
