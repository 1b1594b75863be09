package io.pggan.fuzz;

import ai.djl.ndarray.NDManager;
import io.pggan.data.dicom.TestDicomWriter;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.training.Checkpoints;
import io.pggan.gan.training.GanState;
import io.pggan.io.ImagePng;
import io.pggan.io.Npy;
import io.pggan.io.NpyArray;
import io.pggan.io.Npz;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Writes the starting corpus of {@link CoreReadersFuzzTest}: valid files of every format plus the
 * hostile headers of issue 15 (huge announced sizes, a zip bomb). Run once when a format changes:
 *
 * <pre>
 * mvn test -pl pggan-core -Dtest=FuzzSeedsWriter -DexcludedTestGroups=none
 * </pre>
 */
@Tag("benchmark")
public class FuzzSeedsWriter {
    static final Path INPUTS =
            Path.of("src/test/resources/io/pggan/fuzz/CoreReadersFuzzTestInputs");

    static void seed(String target, String name, byte[] data) throws IOException {
        Path dir = INPUTS.resolve(target);
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), data);
    }

    @Test
    void writeSeeds() throws IOException {
        Path tmp = Files.createTempDirectory("seeds");
        Npy.write(tmp.resolve("f.npy"), NpyArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        seed("npy", "float32_2x3", Files.readAllBytes(tmp.resolve("f.npy")));
        Npy.write(tmp.resolve("l.npy"), NpyArray.ofLongs(new long[] {7, 8}, 2));
        seed("npy", "int64_2", Files.readAllBytes(tmp.resolve("l.npy")));
        seed("npy", "hostile_2pow40_elements", npyHeader("<f4", "(1048576, 1048576)"));
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("w", NpyArray.of(new double[] {0.5, -1}, 2));
        m.put("b", NpyArray.ofFloats(new float[] {3}, 1));
        Npz.write(tmp.resolve("a.npz"), m);
        seed("npz", "two_arrays", Files.readAllBytes(tmp.resolve("a.npz")));
        seed("npz", "hostile_bomb", bomb("w.npy", npyHeader("<f8", "(16777216,)"), 16 << 20));

        seed("csv", "two_rows", "id,x\n1,2\n\"3\",\"a,b\"\n".getBytes(StandardCharsets.UTF_8));
        seed(
                "rsnaCsv",
                "training",
                "id,boneage,male\n1377,180,False\n1378,12.5,True\n"
                        .getBytes(StandardCharsets.UTF_8));
        seed(
                "rsnaCsv",
                "validation",
                "Image ID,Bone Age (months),male\n1386,30,FALSE\n"
                        .getBytes(StandardCharsets.UTF_8));

        ImagePng.writeGray(tmp.resolve("g.png"), new float[] {-1, 0, 0.5f, 1}, 2, 2);
        seed("image", "gray_2x2.png", Files.readAllBytes(tmp.resolve("g.png")));
        BufferedImage rgb = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(1, 1, 0xff8040);
        ByteArrayOutputStream jpg = new ByteArrayOutputStream();
        ImageIO.write(rgb, "jpg", jpg);
        seed("image", "rgb_3x2.jpg", jpg.toByteArray());
        seed("image", "hostile_100000x100000.png", pngHeader(100_000, 100_000));

        seed("idx", "two_4x4", idx(new int[] {2, 4, 4}, 32));
        seed("idx", "hostile_100000x100000", idx(new int[] {1, 100_000, 100_000}, 16));

        seed("dicom", "ramp_16bit", new TestDicomWriter(6, 5, 16, 12).ramp().bytes());
        seed("dicom", "ramp_8bit", new TestDicomWriter(4, 4, 8, 8).ramp().bytes());
        TestDicomWriter huge = new TestDicomWriter(4, 4, 16, 12).ramp();
        huge.hugeSide = 100_000;
        seed("dicom", "hostile_100000x100000", huge.bytes());

        StoreFixture.folder();
        seed("storeHeader", "valid", StoreFixture.header());
        seed(
                "storeLevel",
                "valid",
                Files.readAllBytes(StoreFixture.folder().resolve(StoreFixture.LEVEL_8)));

        PgganConfig tiny = CoreReadersFuzzTest.tinyConfig();
        seed("pgganConfig", "tiny", tiny.toJson().getBytes(StandardCharsets.UTF_8));
        seed(
                "pgganConfig",
                "defaults",
                PgganConfig.builder().build().toJson().getBytes(StandardCharsets.UTF_8));

        try (NDManager mgr = NDManager.newBaseManager();
                GanState s = new GanState(tiny, mgr)) {
            Checkpoints.write(s, tmp.resolve("checkpoint.zip"));
        }
        seed("checkpoint", "tiny", Files.readAllBytes(tmp.resolve("checkpoint.zip")));
        seed("checkpoint", "hostile_bomb", bomb("config.json", new byte[0], 64 << 20));
    }

    /** A .npy header with no data after it. */
    public static byte[] npyHeader(String descr, String shape) {
        String dict =
                "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        StringBuilder h = new StringBuilder(dict);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + h.length()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) h.length());
        b.put(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    /** A zip whose one entry starts with {@code head} and inflates to {@code size} bytes. */
    public static byte[] bomb(String entry, byte[] head, int size) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(head);
            byte[] zeros = new byte[1 << 16];
            for (long n = head.length; n < size; n += zeros.length) {
                z.write(zeros, 0, (int) Math.min(zeros.length, size - n));
            }
            z.closeEntry();
        }
        return b.toByteArray();
    }

    /** PNG signature and an IHDR chunk (8-bit gray) announcing w x h, then nothing. */
    public static byte[] pngHeader(int w, int h) {
        return pngHeader(w, h, 8, 0);
    }

    /** PNG signature and an IHDR chunk of a bit depth and colour type, then nothing. */
    public static byte[] pngHeader(int w, int h, int bitDepth, int colourType) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(w).putInt(h);
        ihdr.put(new byte[] {(byte) bitDepth, (byte) colourType, 0, 0, 0});
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return png.array();
    }

    /** {@link #pngHeader(int, int, int, int)} followed by an empty IDAT and the IEND chunk. */
    public static byte[] pngWithoutPixels(int w, int h, int bitDepth, int colourType) {
        byte[] head = pngHeader(w, h, bitDepth, colourType);
        ByteBuffer png = ByteBuffer.allocate(head.length + 24);
        png.put(head);
        for (String type : new String[] {"IDAT", "IEND"}) {
            byte[] t = type.getBytes(StandardCharsets.US_ASCII);
            CRC32 crc = new CRC32();
            crc.update(t);
            png.putInt(0).put(t).putInt((int) crc.getValue());
        }
        return png.array();
    }

    /** An unsigned-byte IDX file with the given sizes and {@code pixelBytes} bytes of data. */
    public static byte[] idx(int[] sizes, int pixelBytes) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.write(new byte[] {0, 0, 0x08, (byte) sizes.length});
        for (int s : sizes) {
            d.writeInt(s);
        }
        for (int i = 0; i < pixelBytes; i++) {
            d.writeByte(i * 37);
        }
        return b.toByteArray();
    }
}
