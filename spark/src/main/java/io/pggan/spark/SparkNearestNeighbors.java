package io.pggan.spark;

import io.pggan.metrics.neighbors.NearestNeighbors;
import io.pggan.metrics.neighbors.NeighborResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The memorisation check's nearest neighbours when the training features are a Spark data set (a
 * Parquet of index and feature vector) too large for one machine: the query rows (generated images'
 * features, few) are broadcast, each partition searches its rows in chunks with {@link
 * NearestNeighbors#features} (the single-machine search, so distances are computed the same way),
 * and the per-query top-k lists are merged with {@code treeReduce}, nearest first and the lower
 * index first on ties. The reference indices are the values of the index column.
 */
public final class SparkNearestNeighbors {
    private static final int CHUNK = 2048;

    private SparkNearestNeighbors() {}

    /**
     * k nearest rows of {@code reference} (columns {@code indexColumn}, {@code featureColumn}) of
     * every query row, by Euclidean distance.
     */
    public static NeighborResult features(
            double[][] query,
            Dataset<Row> reference,
            String indexColumn,
            String featureColumn,
            int k) {
        if (query.length == 0) {
            throw new IllegalArgumentException("nearest neighbours: no query rows");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        JavaSparkContext sc =
                JavaSparkContext.fromSparkContext(reference.sparkSession().sparkContext());
        Broadcast<double[][]> q = sc.broadcast(query);
        TopLists merged;
        try {
            merged =
                    VectorRow.select(reference, indexColumn, featureColumn, null)
                            .toJavaRDD()
                            .mapPartitions(it -> search(it, q.value(), k))
                            .treeReduce(TopLists::merge, 2);
        } finally {
            q.destroy();
        }
        if (merged.size(0) < k) {
            throw new IllegalArgumentException(
                    "k = " + k + " but the reference set has " + merged.size(0) + " rows");
        }
        return merged.result();
    }

    private static Iterator<TopLists> search(Iterator<VectorRow> it, double[][] query, int k) {
        TopLists top = new TopLists(query.length, k);
        List<double[]> chunk = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        while (it.hasNext()) {
            VectorRow r = it.next();
            chunk.add(r.getX());
            ids.add(r.getIndex());
            if (chunk.size() == CHUNK || !it.hasNext()) {
                double[][] ref = chunk.toArray(new double[0][]);
                NeighborResult local =
                        NearestNeighbors.features(query, ref, Math.min(k, ref.length), false);
                for (int i = 0; i < query.length; i++) {
                    for (int r2 = 0; r2 < local.index()[i].length; r2++) {
                        top.offer(i, ids.get(local.index()[i][r2]), local.distance()[i][r2]);
                    }
                }
                chunk.clear();
                ids.clear();
            }
        }
        return List.of(top).iterator();
    }

    /** Per query, the k best (distance, index) pairs so far, sorted. */
    static final class TopLists implements Serializable {
        private static final long serialVersionUID = 1L;
        final long[][] idx;
        final double[][] dist;
        final int[] size;

        TopLists(int queries, int k) {
            idx = new long[queries][k];
            dist = new double[queries][k];
            size = new int[queries];
        }

        int size(int q) {
            return size[q];
        }

        void offer(int q, long j, double d) {
            long[] ix = idx[q];
            double[] ds = dist[q];
            int k = ix.length;
            if (size[q] == k && !before(d, j, ds[k - 1], ix[k - 1])) {
                return;
            }
            int p = size[q] == k ? k - 1 : size[q]++;
            while (p > 0 && before(d, j, ds[p - 1], ix[p - 1])) {
                ds[p] = ds[p - 1];
                ix[p] = ix[p - 1];
                p--;
            }
            ds[p] = d;
            ix[p] = j;
        }

        private static boolean before(double d, long j, double d2, long j2) {
            return d < d2 || (d == d2 && j < j2);
        }

        TopLists merge(TopLists o) {
            for (int q = 0; q < idx.length; q++) {
                for (int r = 0; r < o.size[q]; r++) {
                    offer(q, o.idx[q][r], o.dist[q][r]);
                }
            }
            return this;
        }

        NeighborResult result() {
            int[][] ix = new int[idx.length][];
            double[][] ds = new double[idx.length][];
            for (int q = 0; q < idx.length; q++) {
                ix[q] = new int[size[q]];
                for (int r = 0; r < size[q]; r++) {
                    ix[q][r] = Math.toIntExact(idx[q][r]);
                }
                ds[q] = java.util.Arrays.copyOf(dist[q], size[q]);
            }
            return new NeighborResult(ix, ds);
        }
    }
}
