package io.pggan.gan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import io.pggan.gan.network.ProgressiveNetwork;
import io.pggan.gan.training.TrainingSchedule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Unconditional training and sampling stay bit-identical to the library before labels existed: a
 * tiny run through a fade-in, from a fixed seed, hashed (SHA-256 of the little-endian float32
 * values) for G, D, Gs and eight Gs samples. The expected hashes in {@code
 * unconditional-fingerprint.properties} were computed on main at commit b9275b6, before the label
 * hook was added; PyTorch CPU kernels are deterministic for a fixed build and instruction set, so a
 * difference here means unconditional behaviour changed.
 */
class UnconditionalFingerprintTest {
    static Map<String, String> fingerprint() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Pggan gan =
                Pggan.builder()
                        .resolution(8)
                        .latentDim(8)
                        .fmapMax(8)
                        .seed(17)
                        .schedule(TrainingSchedule.shortRun(0.016, 0.064, 4))
                        .progressBar(false)
                        .configure(b -> b.imageSnapshotTicks(0))
                        .build()) {
            gan.train(new InMemorySource(12, 1, 8, 5));
            out.put("G", hash(gan.state().generator()));
            out.put("D", hash(gan.state().discriminator()));
            out.put("Gs", hash(gan.state().averagedGenerator()));
            NDArray images = gan.generate(8, 42L);
            out.put("samples", hash(images.toFloatArray()));
        }
        return out;
    }

    private static String hash(ProgressiveNetwork net) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (var p : net.namedParameters()) {
            sha.update(p.name().getBytes(StandardCharsets.UTF_8));
            sha.update(bytes(p.parameter().getArray().toFloatArray()));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String hash(float[] v) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(v)));
    }

    private static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    private static Map<String, String> expected() throws IOException {
        Properties p = new Properties();
        try (InputStream in =
                UnconditionalFingerprintTest.class.getResourceAsStream(
                        "unconditional-fingerprint.properties")) {
            p.load(in);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : new String[] {"G", "D", "Gs", "samples"}) {
            out.put(k, p.getProperty(k));
        }
        return out;
    }

    @Test
    void unconditionalWeightsAndSamplesAreBitIdenticalToBeforeLabels() throws Exception {
        Map<String, String> actual = fingerprint();
        assertThat(actual).as("fingerprint of the tiny unconditional run").isEqualTo(expected());
    }
}
