package io.pggan.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.io.Npy;
import io.pggan.io.NpyArray;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads the copied metric fixtures from the test class path. */
public final class Fixtures {
    private static final String ROOT = "/fixtures/metrics/";
    private static final Map<String, NpyArray> CACHE = new ConcurrentHashMap<>();
    private static JsonNode expected;

    private Fixtures() {}

    /** expected.json. */
    public static synchronized JsonNode expected() {
        if (expected == null) {
            try (InputStream in = Fixtures.class.getResourceAsStream(ROOT + "expected.json")) {
                expected = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return expected;
    }

    /** Cases of one metric, as (id, node) pairs. */
    public static List<Map.Entry<String, JsonNode>> cases(String metric) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : expected().get("cases").properties()) {
            if (e.getValue().get("metric").asText().equals(metric)) {
                out.add(e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no fixture case for metric " + metric);
        }
        return out;
    }

    /** A fixture array by file name. */
    public static NpyArray npy(String name) {
        return CACHE.computeIfAbsent(
                name,
                n -> {
                    try (InputStream in = Fixtures.class.getResourceAsStream(ROOT + n)) {
                        if (in == null) {
                            throw new IllegalStateException("missing fixture " + n);
                        }
                        return Npy.read(in, n);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** A uint8 image fixture. */
    public static Uint8Images images(String name) {
        return Uint8Images.fromNpy(npy(name));
    }

    /** A 2-D float feature fixture as a row-major matrix. */
    public static double[][] matrix(String name) {
        NpyArray a = npy(name);
        return a.matrix();
    }

    /** A 2-D integer fixture. */
    public static int[][] intMatrix(String name) {
        NpyArray a = npy(name);
        int n = a.dim(0);
        int d = a.dim(1);
        int[] v = a.ints();
        int[][] m = new int[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(v, i * d, m[i], 0, d);
        }
        return m;
    }

    /** A JSON array of numbers. */
    public static double[] doubles(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }

    /** A JSON array of arrays of numbers. */
    public static double[][] doubleMatrix(JsonNode node) {
        double[][] out = new double[node.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(node.get(i));
        }
        return out;
    }
}
