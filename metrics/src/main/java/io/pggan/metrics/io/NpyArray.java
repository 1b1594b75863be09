package io.pggan.metrics.io;

import java.util.Arrays;

/**
 * An array read from a NumPy {@code .npy} file: its dtype descriptor, its shape and its elements in
 * C order. Integer and floating point data are both exposed as {@code double} (exact for every
 * integer type up to 2^53) and integers also as {@code long}.
 */
public final class NpyArray {
    private final String descr;
    private final int[] shape;
    private final double[] values;
    private final long[] longValues;

    NpyArray(String descr, int[] shape, double[] values, long[] longValues) {
        this.descr = descr;
        this.shape = shape.clone();
        this.values = values;
        this.longValues = longValues;
    }

    /** Returns the NumPy dtype descriptor, e.g. {@code <f8} or {@code |u1}. */
    public String descr() {
        return descr;
    }

    /** Returns a copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Returns the size of one dimension. */
    public int dim(int axis) {
        return shape[axis];
    }

    /** Returns the number of dimensions. */
    public int ndim() {
        return shape.length;
    }

    /** Returns the number of elements. */
    public int size() {
        return values.length;
    }

    /** Returns whether the dtype is an integer type. */
    public boolean isInteger() {
        return longValues != null;
    }

    /** Returns the elements as doubles, C order (shared, do not modify). */
    public double[] doubles() {
        return values;
    }

    /** Returns the elements as longs, C order (only for integer dtypes). */
    public long[] longs() {
        if (longValues == null) {
            throw new IllegalStateException("dtype " + descr + " is not an integer type");
        }
        return longValues;
    }

    /** Returns integer elements as ints, failing on values outside the int range. */
    public int[] ints() {
        long[] l = longs();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            if (l[i] < Integer.MIN_VALUE || l[i] > Integer.MAX_VALUE) {
                throw new IllegalStateException("element " + i + " = " + l[i] + " is not an int");
            }
            out[i] = (int) l[i];
        }
        return out;
    }

    @Override
    public String toString() {
        return "NpyArray[" + descr + ", shape=" + Arrays.toString(shape) + "]";
    }
}
