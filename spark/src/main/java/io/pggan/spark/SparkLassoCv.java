package io.pggan.spark;

import io.pggan.latent.lasso.GramStats;
import io.pggan.latent.lasso.LassoCv;
import io.pggan.latent.lasso.LassoCvResult;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LassoCv} over a Spark data set: two passes over the rows, both combined with {@code
 * treeReduce}, and the existing solver on the driver, so the result is {@link LassoCv#fit}'s on the
 * same rows up to rounding (1e-9 in the tests). Pass one takes the column means (the shift {@code
 * LassoCv} centres on) and checks the indices; pass two accumulates each partition's per-fold
 * {@link GramStats}. Driver memory is O(folds * p^2), independent of the number of rows; no row
 * leaves its executor.
 *
 * <p>Row {@code i} of the single-machine fit is the row whose index column is {@code i}: the
 * indices must be 0 .. n-1, each once (checked by count, range and sum), which a labelled set from
 * {@code SparkLabeler} satisfies. The folds are {@link LassoCv#foldIds}{@code (n)} of the
 * configuration.
 */
public final class SparkLassoCv {
    private static final Logger LOG = LoggerFactory.getLogger(SparkLassoCv.class);

    private final LassoCv cv;
    private final String indexColumn;
    private final String vectorColumn;
    private final String responseColumn;
    private final int depth;

    private SparkLassoCv(LassoCv cv, String index, String vector, String response, int depth) {
        this.cv = cv;
        this.indexColumn = index;
        this.vectorColumn = vector;
        this.responseColumn = response;
        this.depth = depth;
    }

    /** The fit of {@code cv} on the columns {@code index}, {@code latent} and {@code months}. */
    public static SparkLassoCv of(LassoCv cv) {
        return new SparkLassoCv(cv, "index", "latent", "months", 2);
    }

    /** The same fit on other columns. */
    public SparkLassoCv columns(String index, String vector, String response) {
        return new SparkLassoCv(cv, index, vector, response, depth);
    }

    /** Depth of the reduction tree (2, Spark's default, suits up to a few hundred partitions). */
    public SparkLassoCv treeDepth(int v) {
        if (v < 1) {
            throw new IllegalArgumentException("tree depth must be >= 1, got " + v);
        }
        return new SparkLassoCv(cv, indexColumn, vectorColumn, responseColumn, v);
    }

    /** Cross-validated fit of the response on the vectors of all rows. */
    public LassoCvResult fit(Dataset<Row> data) {
        return fit(data, null);
    }

    /**
     * Cross-validated fit on a subset in a given order: row {@code r} of the fit is the row whose
     * index is {@code rows[r]}, so the result is {@code LassoCv.fit(Design.subset(x, rows), y of
     * rows)} on the single-machine data (e.g. the training part of a hold-out split, as {@link
     * LassoCv#fitHoldOut} fits it). Null: every row, indices 0 .. n-1.
     */
    public LassoCvResult fit(Dataset<Row> data, int[] rows) {
        long t0 = System.nanoTime();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        JavaRDD<VectorRow> all =
                VectorRow.select(data, indexColumn, vectorColumn, responseColumn).toJavaRDD();
        Broadcast<int[]> position = rows == null ? null : sc.broadcast(positions(rows));
        try {
            Moments m =
                    all.mapPartitions(
                                    it ->
                                            Moments.of(
                                                    it, position == null ? null : position.value()))
                            .treeReduce(Moments::merge, depth);
            if (rows == null) {
                m.checkIndices();
            } else {
                m.checkSubset(rows);
            }
            int n = (int) m.n;
            double[] shiftX = new double[m.sx.length];
            for (int j = 0; j < shiftX.length; j++) {
                shiftX[j] = m.sx[j] / n;
            }
            double shiftY = m.sy / n;
            Broadcast<int[]> folds = sc.broadcast(cv.foldIds(n));
            Broadcast<double[]> shift = sc.broadcast(shiftX);
            int k = cv.folds();
            GramStats[] perFold;
            try {
                perFold =
                        all.mapPartitions(
                                        it ->
                                                List.<GramStats[]>of(
                                                                accumulate(
                                                                        it,
                                                                        position == null
                                                                                ? null
                                                                                : position.value(),
                                                                        folds.value(),
                                                                        k,
                                                                        shift.value(),
                                                                        shiftY))
                                                        .iterator())
                                .treeReduce(SparkLassoCv::merge, depth);
            } finally {
                folds.destroy();
                shift.destroy();
            }
            LOG.info(
                    "Spark LASSO statistics of {} x {} in {} s",
                    n,
                    shiftX.length,
                    String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
            return cv.fit(perFold, shiftX, shiftY);
        } finally {
            if (position != null) {
                position.destroy();
            }
        }
    }

    /**
     * Row of each index in {@code rows} (-1: not in the fit); refuses negative or repeated ones.
     */
    private static int[] positions(int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows to fit");
        }
        int max = -1;
        for (int i : rows) {
            if (i < 0) {
                throw new IllegalArgumentException("row index " + i + " is negative");
            }
            max = Math.max(max, i);
        }
        int[] pos = new int[max + 1];
        java.util.Arrays.fill(pos, -1);
        for (int r = 0; r < rows.length; r++) {
            if (pos[rows[r]] >= 0) {
                throw new IllegalArgumentException("row index " + rows[r] + " is listed twice");
            }
            pos[rows[r]] = r;
        }
        return pos;
    }

    /** Row of the fit of a data set's row, or -1 when it is not in the fit. */
    private static int rowOf(long index, int[] position) {
        if (position == null) {
            return (int) index;
        }
        return index >= 0 && index < position.length ? position[(int) index] : -1;
    }

    private static GramStats[] accumulate(
            Iterator<VectorRow> it,
            int[] position,
            int[] fold,
            int k,
            double[] shiftX,
            double shiftY) {
        int p = shiftX.length;
        int b = GramStats.BLOCK_ROWS;
        GramStats[] out = new GramStats[k];
        double[][][] block = new double[k][b][p];
        double[][] ys = new double[k][b];
        int[] fill = new int[k];
        for (int f = 0; f < k; f++) {
            out[f] = new GramStats(p);
        }
        while (it.hasNext()) {
            VectorRow r = it.next();
            int row = rowOf(r.getIndex(), position);
            if (row < 0) {
                continue;
            }
            int f = fold[row];
            double[] u = block[f][fill[f]];
            double[] x = r.getX();
            for (int j = 0; j < p; j++) {
                u[j] = x[j] - shiftX[j];
            }
            ys[f][fill[f]] = r.getY() - shiftY;
            if (++fill[f] == b) {
                out[f].addBlock(block[f], ys[f], b);
                fill[f] = 0;
            }
        }
        for (int f = 0; f < k; f++) {
            out[f].addBlock(block[f], ys[f], fill[f]);
        }
        return out;
    }

    private static GramStats[] merge(GramStats[] a, GramStats[] b) {
        for (int f = 0; f < a.length; f++) {
            a[f].merge(b[f]);
        }
        return a;
    }

    /** Pass one: count, index range and sum, column sums; rows checked on the way. */
    static final class Moments implements Serializable {
        private static final long serialVersionUID = 1L;
        long n;
        long minIndex = Long.MAX_VALUE;
        long maxIndex = Long.MIN_VALUE;
        long indexSum;
        double[] sx;
        double sy;

        static Iterator<Moments> of(Iterator<VectorRow> it, int[] position) {
            Moments m = new Moments();
            while (it.hasNext()) {
                VectorRow r = it.next();
                if (rowOf(r.getIndex(), position) < 0) {
                    continue;
                }
                if (m.sx == null) {
                    if (r.getX() == null) {
                        throw new IllegalArgumentException(
                                "row with index " + r.getIndex() + " has no vector");
                    }
                    m.sx = new double[r.getX().length];
                }
                r.check(m.sx.length);
                m.n++;
                m.minIndex = Math.min(m.minIndex, r.getIndex());
                m.maxIndex = Math.max(m.maxIndex, r.getIndex());
                m.indexSum += r.getIndex();
                double[] x = r.getX();
                for (int j = 0; j < x.length; j++) {
                    m.sx[j] += x[j];
                }
                m.sy += r.getY();
            }
            return List.of(m).iterator();
        }

        Moments merge(Moments o) {
            if (o.n == 0) {
                return this;
            }
            if (n == 0) {
                return o;
            }
            if (o.sx.length != sx.length) {
                throw new IllegalArgumentException(
                        "vectors of length " + sx.length + " and " + o.sx.length + " in one set");
            }
            n += o.n;
            minIndex = Math.min(minIndex, o.minIndex);
            maxIndex = Math.max(maxIndex, o.maxIndex);
            indexSum += o.indexSum;
            for (int j = 0; j < sx.length; j++) {
                sx[j] += o.sx[j];
            }
            sy += o.sy;
            return this;
        }

        void checkSubset(int[] rows) {
            long sum = 0;
            for (int i : rows) {
                sum += i;
            }
            if (n != rows.length || indexSum != sum) {
                throw new IllegalArgumentException(
                        "the data set holds "
                                + n
                                + " of the "
                                + rows.length
                                + " rows asked for (indices summing to "
                                + indexSum
                                + ", expected "
                                + sum
                                + "): an index is missing or repeated");
            }
        }

        void checkIndices() {
            if (n == 0) {
                throw new IllegalArgumentException("the data set has no rows");
            }
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        n + " rows: LassoCv numbers rows with int, at most " + Integer.MAX_VALUE);
            }
            if (minIndex != 0 || maxIndex != n - 1 || indexSum != n * (n - 1) / 2) {
                throw new IllegalArgumentException(
                        "row indices must be 0.."
                                + (n - 1)
                                + " each once, got "
                                + n
                                + " rows with indices "
                                + minIndex
                                + ".."
                                + maxIndex
                                + " summing to "
                                + indexSum);
            }
        }
    }
}
