package io.pggan.metrics.neighbors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.io.ImagePng;
import io.pggan.metrics.Uint8Images;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * Exact k-nearest-neighbour search for the memorisation check: for each generated image, the
 * training images closest by Euclidean distance, either in pixel space (8-bit values compared as
 * exact integers) or in a feature space (double). Ties go to the lowest reference index; with
 * {@code excludeSelf} query i never matches reference i (for a set searched against itself). {@link
 * #writeGrid} draws each generated image beside its neighbours as a PNG.
 */
public final class NearestNeighbors {
    private NearestNeighbors() {}

    /** Images per block of the distance products (bounds the memory of one block). */
    private static final int BLOCK = 256;

    /**
     * k nearest training images of every generated image by pixel distance. The squared distances
     * are computed as {@code |q|^2 + |r|^2 - 2 q.r} with a float64 BLAS product: every term is an
     * integer below {@code 2^31 * 255^2 < 2^53}, so the result is exact (the same as integer
     * arithmetic) and ties still go to the lowest index.
     */
    public static NeighborResult pixel(
            Uint8Images query, Uint8Images ref, int k, boolean excludeSelf) {
        query.requireSameImageShape(ref, "nearest neighbours");
        checkK(k, query.count(), ref.count(), excludeSelf);
        int nq = query.count();
        int nr = ref.count();
        double[] qn = squaredNorms(query);
        double[] rn = squaredNorms(ref);
        TopK[] tops = new TopK[nq];
        for (int i = 0; i < nq; i++) {
            tops[i] = new TopK(k);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int q0 = 0; q0 < nq; q0 += BLOCK) {
                int q1 = Math.min(nq, q0 + BLOCK);
                try (NDManager qm = manager.newSubManager()) {
                    NDArray qa = block(qm, query, q0, q1);
                    for (int r0 = 0; r0 < nr; r0 += BLOCK) {
                        int r1 = Math.min(nr, r0 + BLOCK);
                        try (NDManager rm = qm.newSubManager()) {
                            NDArray ra = block(rm, ref, r0, r1);
                            double[] dot = qa.dot(ra.transpose()).toDoubleArray();
                            int w = r1 - r0;
                            for (int i = q0; i < q1; i++) {
                                for (int j = r0; j < r1; j++) {
                                    if (excludeSelf && i == j) {
                                        continue;
                                    }
                                    double d2 = qn[i] + rn[j] - 2.0 * dot[(i - q0) * w + (j - r0)];
                                    tops[i].offer(j, d2);
                                }
                            }
                        }
                    }
                }
            }
        }
        int[][] idx = new int[nq][];
        double[][] dist = new double[nq][];
        for (int i = 0; i < nq; i++) {
            idx[i] = tops[i].indices();
            dist[i] = tops[i].distances();
        }
        return new NeighborResult(idx, dist);
    }

    private static double[] squaredNorms(Uint8Images images) {
        int per = images.imageSize();
        double[] out = new double[images.count()];
        for (int i = 0; i < out.length; i++) {
            long s = 0;
            int base = i * per;
            for (int p = 0; p < per; p++) {
                int v = images.at(base + p);
                s += (long) v * v;
            }
            out[i] = s;
        }
        return out;
    }

    private static NDArray block(NDManager m, Uint8Images images, int from, int to) {
        int per = images.imageSize();
        double[] d = new double[(to - from) * per];
        int base = from * per;
        for (int p = 0; p < d.length; p++) {
            d[p] = images.at(base + p);
        }
        return m.create(d, new Shape(to - from, per));
    }

    /** k nearest reference feature rows of every query row (Euclidean, double). */
    public static NeighborResult features(
            double[][] query, double[][] ref, int k, boolean excludeSelf) {
        if (query.length == 0 || ref.length == 0) {
            throw new IllegalArgumentException("nearest neighbours: empty query or reference set");
        }
        int d = ref[0].length;
        checkRows(query, d, "query");
        checkRows(ref, d, "reference");
        checkK(k, query.length, ref.length, excludeSelf);
        int[][] idx = new int[query.length][];
        double[][] dist = new double[query.length][];
        IntStream.range(0, query.length)
                .parallel()
                .forEach(
                        i -> {
                            TopK top = new TopK(k);
                            double[] q = query[i];
                            for (int j = 0; j < ref.length; j++) {
                                if (excludeSelf && i == j) {
                                    continue;
                                }
                                double[] r = ref[j];
                                double s = 0;
                                for (int p = 0; p < d; p++) {
                                    double t = r[p] - q[p];
                                    s += t * t;
                                }
                                top.offer(j, s);
                            }
                            idx[i] = top.indices();
                            dist[i] = top.distances();
                        });
        return new NeighborResult(idx, dist);
    }

    private static void checkRows(double[][] f, int d, String name) {
        for (int i = 0; i < f.length; i++) {
            if (f[i].length != d) {
                throw new IllegalArgumentException(
                        "nearest neighbours: "
                                + name
                                + " row "
                                + i
                                + " has "
                                + f[i].length
                                + " features, expected "
                                + d);
            }
            for (int j = 0; j < d; j++) {
                if (Double.isNaN(f[i][j])) {
                    throw new IllegalArgumentException(
                            "nearest neighbours: "
                                    + name
                                    + " feature ["
                                    + i
                                    + ", "
                                    + j
                                    + "] is NaN");
                }
            }
        }
    }

    private static void checkK(int k, int nq, int nr, boolean excludeSelf) {
        if (excludeSelf && nq != nr) {
            throw new IllegalArgumentException(
                    "excludeSelf needs the query and reference sets to be the same, got "
                            + nq
                            + " and "
                            + nr
                            + " rows");
        }
        int available = excludeSelf ? nr - 1 : nr;
        if (k <= 0 || k > available) {
            throw new IllegalArgumentException(
                    "k = "
                            + k
                            + " must be in [1, "
                            + available
                            + "] for "
                            + nr
                            + " reference rows");
        }
    }

    /** Keeps the k smallest distances; strict comparison keeps the lower index on ties. */
    private static final class TopK {
        final int[] idx;
        final double[] d2;
        int size;

        TopK(int k) {
            idx = new int[k];
            d2 = new double[k];
        }

        void offer(int j, double v) {
            if (size == idx.length && !(v < d2[size - 1])) {
                return;
            }
            int p = size == idx.length ? size - 1 : size++;
            while (p > 0 && v < d2[p - 1]) {
                d2[p] = d2[p - 1];
                idx[p] = idx[p - 1];
                p--;
            }
            d2[p] = v;
            idx[p] = j;
        }

        int[] indices() {
            return idx.clone();
        }

        double[] distances() {
            double[] out = new double[size];
            for (int i = 0; i < size; i++) {
                out[i] = Math.sqrt(d2[i]);
            }
            return out;
        }
    }

    /**
     * Writes a PNG grid: one row per generated image (at most {@code maxRows}), the generated image
     * first, a gap, then its neighbours nearest first. Written atomically.
     */
    public static void writeGrid(
            Path png, Uint8Images generated, Uint8Images training, NeighborResult nn, int maxRows)
            throws IOException {
        generated.requireSameImageShape(training, "neighbour grid");
        int rows = Math.min(maxRows, Math.min(generated.count(), nn.index().length));
        if (rows <= 0) {
            throw new IllegalArgumentException("neighbour grid needs at least one row");
        }
        int k = nn.index()[0].length;
        int h = generated.height();
        int w = generated.width();
        int pad = 2;
        int gap = 8;
        int width = pad + w + gap + k * (w + pad);
        int height = pad + rows * (h + pad);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(200, 40, 40));
            g.fillRect(pad + w + gap / 2 - 1, 0, 2, height);
        } finally {
            g.dispose();
        }
        for (int r = 0; r < rows; r++) {
            int y0 = pad + r * (h + pad);
            paste(img, generated, r, pad, y0);
            for (int c = 0; c < k; c++) {
                paste(img, training, nn.index()[r][c], pad + w + gap + c * (w + pad), y0);
            }
        }
        ImagePng.write(png, img);
    }

    private static void paste(BufferedImage dst, Uint8Images src, int i, int x0, int y0) {
        boolean rgb = src.channels() == 3;
        for (int y = 0; y < src.height(); y++) {
            for (int x = 0; x < src.width(); x++) {
                int r = src.get(i, 0, y, x);
                int gg = rgb ? src.get(i, 1, y, x) : r;
                int b = rgb ? src.get(i, 2, y, x) : r;
                dst.setRGB(x0 + x, y0 + y, (r << 16) | (gg << 8) | b);
            }
        }
    }
}
