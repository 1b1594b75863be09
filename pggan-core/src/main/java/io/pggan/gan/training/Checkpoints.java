package io.pggan.gan.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pggan.data.labels.LabelSpec;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.network.ProgressiveNetwork;
import io.pggan.io.AtomicFiles;
import io.pggan.io.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Checkpoints as a zip file: {@code config.json} (with the label spec of a conditional model),
 * {@code state.json} (counters, Adam steps) and one raw little-endian float32 entry per tensor
 * ({@code G/<name>}, {@code D/...}, {@code Gs/...}, {@code adamG/m/...}, {@code adamG/v/...},
 * {@code adamD/...}). Shapes come from the configuration, so every entry's size is checked before
 * anything is allocated. Written to a temporary file and renamed atomically; no Java serialization.
 */
public final class Checkpoints {
    private static final ObjectMapper JSON = Json.mapper();
    private static final String CONFIG = "config.json";
    private static final String STATE = "state.json";

    private Checkpoints() {}

    private static Map<String, NDArray> tensors(GanState s) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        put(out, "G/", s.generator(), null);
        put(out, "D/", s.discriminator(), null);
        put(out, "Gs/", s.averagedGenerator(), null);
        put(out, "adamG/m/", s.generator(), s.adamG().firstMoments());
        put(out, "adamG/v/", s.generator(), s.adamG().secondMoments());
        put(out, "adamD/m/", s.discriminator(), s.adamD().firstMoments());
        put(out, "adamD/v/", s.discriminator(), s.adamD().secondMoments());
        return out;
    }

    private static void put(
            Map<String, NDArray> out,
            String prefix,
            ProgressiveNetwork net,
            List<NDArray> moments) {
        var params = net.namedParameters();
        for (int i = 0; i < params.size(); i++) {
            NDArray a = moments == null ? params.get(i).parameter().getArray() : moments.get(i);
            out.put(prefix + params.get(i).name(), a);
        }
    }

    /**
     * Writes the whole state atomically.
     *
     * @param state the run
     * @param file target zip; replaced only once the new one is complete
     */
    public static void write(GanState state, Path file) {
        AtomicFiles.write(
                file,
                raw -> {
                    ZipOutputStream zip = new ZipOutputStream(raw);
                    zip.setLevel(Deflater.NO_COMPRESSION);
                    entry(zip, CONFIG, state.config().toJson().getBytes(StandardCharsets.UTF_8));
                    ObjectNode st = JSON.createObjectNode();
                    st.set("counters", JSON.valueToTree(state.counters()));
                    st.put("adamGStep", state.adamG().step());
                    st.put("adamDStep", state.adamD().step());
                    entry(zip, STATE, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(st));
                    for (Map.Entry<String, NDArray> e : tensors(state).entrySet()) {
                        float[] v = e.getValue().toFloatArray();
                        ByteBuffer b =
                                ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                        b.asFloatBuffer().put(v);
                        entry(zip, e.getKey(), b.array());
                    }
                    zip.finish();
                });
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Reads a checkpoint.
     *
     * @param file the zip
     * @param parent manager the state is created under
     * @param expected the configuration the caller built, or null to take the checkpoint's own;
     *     latent size, resolution, channels and the other network sizes must match it. Its training
     *     settings (schedule, length) replace the stored ones.
     * @return the restored state
     * @throws IllegalArgumentException naming the mismatching field or the bad entry
     * @throws java.io.UncheckedIOException naming the file when it is not a readable zip
     */
    public static GanState read(Path file, NDManager parent, PgganConfig expected) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no checkpoint file " + file);
        }
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry first = zip.getNextEntry();
            if (first == null || !first.getName().equals(CONFIG)) {
                throw new IllegalArgumentException(file + ": first entry must be " + CONFIG);
            }
            PgganConfig stored =
                    PgganConfig.fromJson(
                            new String(
                                    readLimited(zip, 1 << 20, file, CONFIG),
                                    StandardCharsets.UTF_8));
            PgganConfig config =
                    expected == null ? stored : checkCompatible(stored, expected, file);
            GanState state = new GanState(config, parent);
            try {
                fill(zip, state, file);
                return state;
            } catch (RuntimeException | IOException e) {
                state.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static void fill(ZipInputStream zip, GanState state, Path file) throws IOException {
        Map<String, NDArray> wanted = tensors(state);
        boolean sawState = false;
        ZipEntry e;
        while ((e = zip.getNextEntry()) != null) {
            String name = e.getName();
            if (name.equals(STATE)) {
                JsonNode st = JSON.readTree(readLimited(zip, 1 << 20, file, STATE));
                for (String field : new String[] {"adamGStep", "adamDStep"}) {
                    if (st == null
                            || !st.path(field).canConvertToLong()
                            || st.path(field).asLong() < 0) {
                        throw new IllegalArgumentException(
                                file + ": entry " + STATE + " has no valid '" + field + "'");
                    }
                }
                if (!st.path("counters").isObject()) {
                    throw new IllegalArgumentException(
                            file + ": entry " + STATE + " has no object 'counters'");
                }
                TrainingCounters c = JSON.treeToValue(st.get("counters"), TrainingCounters.class);
                if (c.iteration < 0 || c.nimg < 0 || c.scheduleNimg < 0 || c.ticks < 0) {
                    throw new IllegalArgumentException(
                            file + ": entry " + STATE + " has negative counters");
                }
                state.setCounters(c);
                state.adamG().setStep(st.get("adamGStep").asLong());
                state.adamD().setStep(st.get("adamDStep").asLong());
                sawState = true;
                continue;
            }
            NDArray target = wanted.remove(name);
            if (target == null) {
                throw new IllegalArgumentException(file + ": unexpected entry " + name);
            }
            long bytes = target.getShape().size() * 4;
            byte[] raw = readLimited(zip, bytes, file, name);
            if (raw.length != bytes) {
                throw new IllegalArgumentException(
                        file
                                + ": entry "
                                + name
                                + " has "
                                + raw.length
                                + " bytes, expected "
                                + bytes
                                + " for shape "
                                + target.getShape());
            }
            float[] v = new float[raw.length / 4];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            target.set(v);
        }
        if (!sawState) {
            throw new IllegalArgumentException(file + ": missing " + STATE);
        }
        if (!wanted.isEmpty()) {
            throw new IllegalArgumentException(
                    file + ": missing tensor " + wanted.keySet().iterator().next());
        }
    }

    private static byte[] readLimited(InputStream in, long limit, Path file, String name)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, 1 << 16));
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > limit) {
                throw new IllegalArgumentException(
                        file + ": entry " + name + " is larger than " + limit + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static PgganConfig checkCompatible(
            PgganConfig stored, PgganConfig expected, Path file) {
        String[][] fields = {
            {
                "latentDim",
                "" + stored.architecture().latentDim(),
                "" + expected.architecture().latentDim()
            },
            {
                "resolution",
                "" + stored.architecture().resolution(),
                "" + expected.architecture().resolution()
            },
            {
                "channels",
                "" + stored.architecture().channels(),
                "" + expected.architecture().channels()
            },
        };
        for (String[] f : fields) {
            if (!f[1].equals(f[2])) {
                throw new IllegalArgumentException(
                        "checkpoint "
                                + file
                                + " has "
                                + f[0]
                                + " "
                                + f[1]
                                + " but the configuration has "
                                + f[2]);
            }
        }
        String labels = LabelSpec.difference(stored.labels(), expected.labels());
        if (labels != null) {
            throw new IllegalArgumentException(
                    "checkpoint "
                            + file
                            + " was trained with other labels than the configuration's: "
                            + labels
                            + " (checkpoint versus configuration)");
        }
        if (!stored.architecture().equals(expected.architecture())) {
            throw new IllegalArgumentException(
                    "checkpoint "
                            + file
                            + " was made for networks "
                            + stored.architecture()
                            + " but the configuration builds "
                            + expected.architecture());
        }
        if (stored.run().seed() != expected.run().seed()) {
            throw new IllegalArgumentException(
                    "checkpoint "
                            + file
                            + " has seed "
                            + stored.run().seed()
                            + " but the configuration has "
                            + expected.run().seed());
        }
        return expected;
    }
}
