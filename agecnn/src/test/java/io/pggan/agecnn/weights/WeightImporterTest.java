package io.pggan.agecnn.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import io.pggan.agecnn.AgeRegressor;
import io.pggan.agecnn.network.Xception;
import io.pggan.engine.PgganEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightImporterTest {
    private static final double WIDTH = 0.0625;
    @TempDir Path tmp;

    @BeforeAll
    static void engine() {
        PgganEngine.start(1);
    }

    private static Xception xception(NDManager manager, int channels, double width) {
        Xception net = Xception.builder().inputChannels(channels).widthMultiplier(width).build();
        net.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, channels, 71, 71));
        return net;
    }

    /** A stand-in "pretrained" file: a random RGB network's weights under Keras names. */
    private Path writeRgbWeights(NDManager manager, List<NamedArray> extra) {
        Xception rgb = xception(manager, 3, WIDTH);
        // Make the batch-norm statistics non-trivial so they visibly travel too.
        rgb.namedParameters()
                .asMap()
                .forEach(
                        (name, p) -> {
                            if (name.endsWith("/moving_mean")) {
                                p.getArray()
                                        .set(
                                                manager.randomUniform(
                                                                -0.5f,
                                                                0.5f,
                                                                p.getArray().getShape())
                                                        .toFloatArray());
                            }
                        });
        List<NamedArray> arrays = new ArrayList<>(WeightImporter.export(rgb.namedParameters()));
        arrays.addAll(extra);
        Path file = tmp.resolve("xception_small.npz");
        WeightFile.write(file, arrays);
        return file;
    }

    @Test
    void importsByNameAndSumsRgbKernelsForGrayscale() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path file =
                    writeRgbWeights(
                            manager,
                            List.of(
                                    new NamedArray(
                                            "predictions/kernel",
                                            new long[] {2, 2},
                                            new float[4])));
            Map<String, NamedArray> stored = WeightFile.read(file);
            Xception rgb = xception(manager, 3, WIDTH);
            ImportReport same = WeightImporter.load(file, rgb.namedParameters());
            assertThat(same.missing()).isEmpty();
            assertThat(same.adapted()).isEmpty();
            assertThat(same.unexpected()).containsExactly("predictions/kernel");
            assertThat(same.matched()).hasSize(rgb.namedParameters().asMap().size());

            Xception gray = xception(manager, 1, WIDTH);
            ImportReport report = WeightImporter.load(file, gray.namedParameters());
            assertThat(report.adapted())
                    .singleElement()
                    .asString()
                    .startsWith("block1_conv1/kernel");
            assertThat(report.matched()).hasSize(gray.namedParameters().asMap().size() - 1);
            float[] kernel =
                    gray.namedParameters()
                            .asMap()
                            .get("block1_conv1/kernel")
                            .getArray()
                            .toFloatArray();
            float[] rgbKernel = stored.get("block1_conv1/kernel").data();
            // (O, 3, 3, 3) -> (O, 1, 3, 3): element [o, 0, y, x] = sum over c of [o, c, y, x].
            assertThat(kernel[4])
                    .isCloseTo(
                            rgbKernel[4] + rgbKernel[9 + 4] + rgbKernel[18 + 4],
                            org.assertj.core.data.Offset.offset(1e-6f));

            // A grey image through the adapted network = the same image replicated to RGB.
            ParameterStore store = new ParameterStore(manager, false);
            NDArray grey = manager.randomUniform(-1, 1, new Shape(2, 1, 75, 75));
            NDArray replicated = grey.repeat(1, 3);
            float[] a =
                    gray.forward(store, new NDList(grey), false).singletonOrThrow().toFloatArray();
            float[] b =
                    rgb.forward(store, new NDList(replicated), false)
                            .singletonOrThrow()
                            .toFloatArray();
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i])
                        .isCloseTo(
                                b[i],
                                org.assertj.core.data.Offset.offset(
                                        1e-3f + 1e-3f * Math.abs(b[i])));
            }
        }
    }

    @Test
    void missingEntriesAreReportedAndShapeMismatchIsRefusedByName() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path file = writeRgbWeights(manager, List.of());
            Map<String, NamedArray> arrays = new java.util.LinkedHashMap<>(WeightFile.read(file));
            arrays.remove("block7_sepconv2_bn/gamma");
            Xception target = xception(manager, 3, WIDTH);
            ImportReport report = WeightImporter.apply(arrays, target.namedParameters());
            assertThat(report.missing()).containsExactly("block7_sepconv2_bn/gamma");
            assertThat(report.isComplete()).isFalse();
            assertThat(report.summary()).contains("missing 1 [block7_sepconv2_bn/gamma]");

            Xception wider = xception(manager, 3, 2 * WIDTH);
            float before =
                    wider.namedParameters()
                            .asMap()
                            .get("block1_conv1_bn/gamma")
                            .getArray()
                            .getFloat(0);
            assertThatThrownBy(() -> WeightImporter.load(file, wider.namedParameters()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("layer block1_conv1/kernel")
                    .hasMessageContaining("(2, 3, 3, 3)")
                    .hasMessageContaining("(4, 3, 3, 3)");
            // Refused before anything was copied.
            assertThat(
                            wider.namedParameters()
                                    .asMap()
                                    .get("block1_conv1_bn/gamma")
                                    .getArray()
                                    .getFloat(0))
                    .isEqualTo(before);
        }
    }

    @Test
    void regressorImportsIntoItsTrunk() {
        try (NDManager manager = NDManager.newBaseManager();
                AgeRegressor model =
                        AgeRegressor.builder().widthMultiplier(WIDTH).progressBar(false).build()) {
            Path file = writeRgbWeights(manager, List.of());
            ImportReport report = model.importWeights(file);
            assertThat(report.adapted()).hasSize(1);
            assertThat(report.missing()).isEmpty();
            assertThat(report.unexpected()).isEmpty();
        }
    }

    @Test
    void readsWhatNumpyWrites() throws Exception {
        // Written by numpy.savez (see the resource's neighbour note in the docs): float32 and
        // float64.
        Path file = tmp.resolve("numpy_written.npz");
        try (var in = getClass().getResourceAsStream("/weights/numpy_written.npz")) {
            Files.copy(in, file);
        }
        Map<String, NamedArray> arrays = WeightFile.read(file);
        assertThat(arrays.keySet()).containsExactly("block1_conv1/kernel", "block1_conv1_bn/gamma");
        assertThat(arrays.get("block1_conv1/kernel").shape()).containsExactly(2, 3, 3, 3);
        assertThat(arrays.get("block1_conv1/kernel").data()[53]).isEqualTo(53f);
        assertThat(arrays.get("block1_conv1_bn/gamma").data()).containsExactly(0.5f, 1.5f);
    }

    @Test
    void npzRoundTripAndMalformedFiles() throws Exception {
        Path file = tmp.resolve("a.npz");
        WeightFile.write(
                file,
                List.of(
                        new NamedArray(
                                "x/kernel", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}),
                        new NamedArray("scalarish", new long[] {1}, new float[] {7})));
        Map<String, NamedArray> back = WeightFile.read(file);
        assertThat(back.get("x/kernel").shape()).containsExactly(2, 3);
        assertThat(back.get("x/kernel").data()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(back.get("scalarish").data()).containsExactly(7);

        Path bad = tmp.resolve("bad.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bad))) {
            zip.putNextEntry(new ZipEntry("w.npy"));
            String header = "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }";
            zip.write(
                    new byte[] {
                        (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0
                    });
            zip.write(header.getBytes(StandardCharsets.ISO_8859_1));
            zip.write(new byte[16]);
            zip.closeEntry();
        }
        assertThatThrownBy(() -> WeightFile.read(bad))
                .hasMessageContaining("entry 'w.npy'")
                .hasMessageContaining("'<i8' is not supported");

        Path truncated = tmp.resolve("short.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(truncated))) {
            zip.putNextEntry(new ZipEntry("w.npy"));
            String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1000, 1000), }";
            zip.write(
                    new byte[] {
                        (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0
                    });
            zip.write(header.getBytes(StandardCharsets.ISO_8859_1));
            zip.write(new byte[8]);
            zip.closeEntry();
        }
        assertThatThrownBy(() -> WeightFile.read(truncated))
                .hasMessageContaining("needs 4000000 data bytes, found 8");
    }
}
