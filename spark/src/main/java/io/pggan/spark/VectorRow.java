package io.pggan.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * One row of a labelled set as the statistics read it: its index, a vector (a latent or CNN
 * features, widened to double, exact for float data) and an optional response (the months). A Java
 * bean so that Spark decodes the Parquet arrays straight into {@code double[]}.
 */
public final class VectorRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private long index;
    private double[] x;
    private double y;

    /** For Spark's bean encoder. */
    public VectorRow() {}

    public long getIndex() {
        return index;
    }

    public void setIndex(long index) {
        this.index = index;
    }

    public double[] getX() {
        return x;
    }

    public void setX(double[] x) {
        this.x = x;
    }

    public double getY() {
        return y;
    }

    public void setY(double y) {
        this.y = y;
    }

    /**
     * The columns {@code index} and {@code response} (each optional: null reads as 0) and {@code
     * vector} of {@code data} as typed rows; a missing column is named in the error.
     */
    static Dataset<VectorRow> select(
            Dataset<Row> data, String index, String vector, String response) {
        for (String c : new String[] {index, vector, response}) {
            if (c != null && !Arrays.asList(data.columns()).contains(c)) {
                throw new IllegalArgumentException(
                        "the data set has no column '"
                                + c
                                + "' (columns: "
                                + String.join(", ", data.columns())
                                + ")");
            }
        }
        return data.select(
                        (index == null ? lit(0L) : col(index).cast("long")).as("index"),
                        col(vector).cast("array<double>").as("x"),
                        (response == null ? lit(0.0) : col(response).cast("double")).as("y"))
                .as(Encoders.bean(VectorRow.class));
    }

    /** Checks a row's vector: present, of length {@code dim}, finite. */
    void check(int dim) {
        if (x == null) {
            throw new IllegalArgumentException("row with index " + index + " has no vector");
        }
        if (x.length != dim) {
            throw new IllegalArgumentException(
                    "row with index "
                            + index
                            + " has a vector of length "
                            + x.length
                            + ", expected "
                            + dim);
        }
        for (int j = 0; j < dim; j++) {
            if (!Double.isFinite(x[j])) {
                throw new IllegalArgumentException(
                        "row with index " + index + " has " + x[j] + " at position " + j);
            }
        }
        if (!Double.isFinite(y)) {
            throw new IllegalArgumentException("row with index " + index + " has response " + y);
        }
    }
}
