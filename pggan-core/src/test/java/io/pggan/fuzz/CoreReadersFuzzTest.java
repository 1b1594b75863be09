package io.pggan.fuzz;

import static io.pggan.fuzz.FuzzFiles.expectMessage;
import static io.pggan.fuzz.FuzzFiles.write;

import ai.djl.ndarray.NDManager;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pggan.data.DataException;
import io.pggan.data.ImageFiles;
import io.pggan.data.dicom.DicomReader;
import io.pggan.data.idx.IdxImages;
import io.pggan.data.rsna.RsnaCsv;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.training.Checkpoints;
import io.pggan.gan.training.GanState;
import io.pggan.io.Csv;
import io.pggan.io.Npy;
import io.pggan.io.NpyArray;
import io.pggan.io.Npz;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fuzz targets for every reader in pggan-core of files a user may be handed. Each may only fail
 * with its documented exception carrying a message; anything else (an unchecked exception of
 * another type, an OutOfMemoryError, a hang) is a finding.
 *
 * <p>The normal suite replays the committed corpus in {@code
 * src/test/resources/io/pggan/fuzz/CoreReadersFuzzTestInputs/<method>/}. To fuzz one target (for
 * the annotation's maxDuration), with a small heap so that over-allocation shows:
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -ntp test -pl pggan-core -Dtest=CoreReadersFuzzTest#npy \
 *     -Dsurefire.argLine="-Xmx1g -Dai.djl.offline=true"
 * </pre>
 */
public class CoreReadersFuzzTest {
    /** The network a fuzzed checkpoint must match (tiny, so restoring one is cheap). */
    public static PgganConfig tinyConfig() {
        return PgganConfig.builder()
                .resolution(8)
                .latentDim(8)
                .fmapMax(8)
                .progressBar(false)
                .imageSnapshotTicks(0)
                .build();
    }

    private static NDManager manager;

    private static synchronized NDManager manager() {
        if (manager == null) {
            manager = NDManager.newBaseManager();
        }
        return manager;
    }

    @FuzzTest(maxDuration = "2m")
    void npy(byte[] data) {
        try {
            NpyArray a = Npy.read(new ByteArrayInputStream(data), "fuzz.npy", data.length);
            consume(a);
        } catch (IOException e) {
            expectMessage(e);
        }
        Path f = write("a.npy", data);
        try {
            Npy.readHeader(f);
            consume(Npy.read(f));
        } catch (IOException e) {
            expectMessage(e);
        }
    }

    private static void consume(NpyArray a) {
        if (a.dtype().isInteger()) {
            a.longs();
        } else {
            a.doubles();
        }
    }

    @FuzzTest(maxDuration = "2m")
    void npz(byte[] data) {
        try {
            Map<String, NpyArray> m = Npz.read(write("a.npz", data));
            m.values().forEach(CoreReadersFuzzTest::consume);
        } catch (IOException e) {
            expectMessage(e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void csv(byte[] data) {
        try {
            Csv.read(write("a.csv", data), "id").forEach(r -> r.get("id"));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            expectMessage(e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void image(byte[] data) {
        try {
            ImageFiles.read(write("a.png", data));
        } catch (DataException e) {
            expectMessage(e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void idx(byte[] data) {
        try {
            IdxImages im = IdxImages.read(write("a.idx", data), 0, 64, 1 << 22);
            for (int i = 0; i < im.size(); i++) {
                im.load(i);
            }
        } catch (DataException e) {
            expectMessage(e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void rsnaCsv(byte[] data) {
        Path csv = write("rsna/boneage.csv", data);
        try {
            RsnaCsv.read(csv, csv.getParent(), false);
        } catch (DataException e) {
            expectMessage(e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void dicom(byte[] data) {
        try {
            DicomReader.defaults().read(write("a.dcm", data)).toBufferedImage();
        } catch (DataException e) {
            expectMessage(e);
        }
    }

    /** A fuzzed store.json next to valid level files of two 8x8 images. */
    @FuzzTest(maxDuration = "2m")
    void storeHeader(byte[] data) {
        Path folder = StoreFixture.folder();
        write(folder.getFileName() + "/store.json", data);
        readStore(folder);
    }

    /** A valid store.json whose 8x8 level file is fuzzed. */
    @FuzzTest(maxDuration = "2m")
    void storeLevel(byte[] data) {
        Path folder = StoreFixture.folder();
        write(folder.getFileName() + "/store.json", StoreFixture.header());
        write(folder.getFileName() + "/" + StoreFixture.LEVEL_8, data);
        readStore(folder);
    }

    private static void readStore(Path folder) {
        try (MultiResolutionStore s = MultiResolutionStore.open(folder, false)) {
            for (int r = 4; r <= s.maxResolution(); r *= 2) {
                for (int i = 0; i < s.size(); i++) {
                    s.image(i, r);
                }
            }
        } catch (DataException e) {
            expectMessage(e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void pgganConfig(byte[] data) {
        try {
            PgganConfig c = PgganConfig.fromJson(new String(data, StandardCharsets.UTF_8));
            c.toJson();
        } catch (IllegalArgumentException e) {
            expectMessage(e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void checkpoint(byte[] data) throws IOException {
        Path f = write("checkpoint.zip", data);
        try (NDManager m = manager().newSubManager();
                GanState s = Checkpoints.read(f, m, tinyConfig())) {
            s.counters();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            expectMessage(e);
        }
        Files.deleteIfExists(f);
    }
}
