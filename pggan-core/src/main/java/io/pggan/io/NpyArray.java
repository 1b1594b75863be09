package io.pggan.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An n-dimensional array as a NumPy {@code .npy} file holds it: a dtype, a shape and the elements
 * in C (row-major) order, little-endian. Read one with {@link Npy#read}, make one with {@link
 * #of(double[], long...)} and friends, write it with {@link Npy#write}. Every accessor returns a
 * fresh Java array in the type asked for; integer types are exact as {@code long} and as {@code
 * double} up to 2^53.
 */
public final class NpyArray {
    /** The element types read and written (little-endian or single byte). */
    public enum Dtype {
        /** {@code |b1}. */
        BOOL("|b1", 1, true),
        /** {@code |i1}. */
        INT8("|i1", 1, true),
        /** {@code |u1}. */
        UINT8("|u1", 1, true),
        /** {@code <i2}. */
        INT16("<i2", 2, true),
        /** {@code <u2}. */
        UINT16("<u2", 2, true),
        /** {@code <i4}. */
        INT32("<i4", 4, true),
        /** {@code <u4}. */
        UINT32("<u4", 4, true),
        /** {@code <i8}. */
        INT64("<i8", 8, true),
        /** {@code <f4}. */
        FLOAT32("<f4", 4, false),
        /** {@code <f8}. */
        FLOAT64("<f8", 8, false);

        private final String descr;
        private final int size;
        private final boolean integer;

        Dtype(String descr, int size, boolean integer) {
            this.descr = descr;
            this.size = size;
            this.integer = integer;
        }

        /** The NumPy descriptor, e.g. {@code <f4}. */
        public String descr() {
            return descr;
        }

        /** Bytes per element. */
        public int size() {
            return size;
        }

        /** Whether the type is an integer (or bool) type. */
        public boolean isInteger() {
            return integer;
        }

        /**
         * The type of a descriptor, or null if unsupported; single-byte types may carry any byte
         * order mark ({@code <u1}, {@code |u1}).
         */
        static Dtype of(String descr) {
            for (Dtype d : values()) {
                boolean anyOrder =
                        d.size == 1
                                && descr.length() == 3
                                && "<=|".indexOf(descr.charAt(0)) >= 0
                                && descr.regionMatches(1, d.descr, 1, 2);
                if (d.descr.equals(descr) || anyOrder) {
                    return d;
                }
            }
            return null;
        }
    }

    private final Dtype dtype;
    private final long[] shape;
    private final ByteBuffer data;

    NpyArray(Dtype dtype, long[] shape, byte[] littleEndian) {
        this.dtype = dtype;
        this.shape = shape.clone();
        long count = count(this.shape);
        if (count * dtype.size != littleEndian.length) {
            throw new IllegalArgumentException(
                    "shape "
                            + shapeText(shape)
                            + " of "
                            + dtype.descr
                            + " needs "
                            + count * dtype.size
                            + " bytes, got "
                            + littleEndian.length);
        }
        this.data = ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A float64 array of the given shape (the product of {@code shape} must be the length). */
    public static NpyArray of(double[] values, long... shape) {
        ByteBuffer b = buffer(values.length, Dtype.FLOAT64);
        b.asDoubleBuffer().put(values);
        return new NpyArray(Dtype.FLOAT64, shapeOrVector(shape, values.length), b.array());
    }

    /** A float32 array of the given shape. */
    public static NpyArray ofFloats(float[] values, long... shape) {
        ByteBuffer b = buffer(values.length, Dtype.FLOAT32);
        b.asFloatBuffer().put(values);
        return new NpyArray(Dtype.FLOAT32, shapeOrVector(shape, values.length), b.array());
    }

    /** An int64 array of the given shape. */
    public static NpyArray ofLongs(long[] values, long... shape) {
        ByteBuffer b = buffer(values.length, Dtype.INT64);
        b.asLongBuffer().put(values);
        return new NpyArray(Dtype.INT64, shapeOrVector(shape, values.length), b.array());
    }

    private static ByteBuffer buffer(int n, Dtype t) {
        return ByteBuffer.allocate(Math.multiplyExact(n, t.size)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long[] shapeOrVector(long[] shape, int n) {
        return shape.length == 0 ? new long[] {n} : shape;
    }

    /** The element type. */
    public Dtype dtype() {
        return dtype;
    }

    /** The NumPy dtype descriptor, e.g. {@code <f8} or {@code |u1}. */
    public String descr() {
        return dtype.descr;
    }

    /** Whether the dtype is an integer (or bool) type. */
    public boolean isInteger() {
        return dtype.integer;
    }

    /** The shape (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    /** The size of one dimension. */
    public int dim(int axis) {
        return Math.toIntExact(shape[axis]);
    }

    /** The number of dimensions. */
    public int ndim() {
        return shape.length;
    }

    /** The number of elements. */
    public int size() {
        return data.capacity() / dtype.size;
    }

    /** The raw little-endian bytes (a copy). */
    public byte[] bytes() {
        return data.array().clone();
    }

    /** The elements as doubles, C order. */
    public double[] doubles() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dtype.integer ? (double) longAt(i) : doubleAt(i);
        }
        return out;
    }

    /** The elements as floats, C order (float64 values are rounded). */
    public float[] floats() {
        if (dtype == Dtype.FLOAT32) {
            float[] out = new float[size()];
            data.asFloatBuffer().get(out);
            return out;
        }
        double[] d = doubles();
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

    /** The elements as longs, C order; only for integer dtypes. */
    public long[] longs() {
        if (!dtype.integer) {
            throw new IllegalStateException("dtype " + dtype.descr + " is not an integer type");
        }
        long[] out = new long[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = longAt(i);
        }
        return out;
    }

    /** Integer elements as ints, failing on a value outside the int range. */
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

    /** A 2-D array as rows of doubles. */
    public double[][] matrix() {
        if (shape.length != 2) {
            throw new IllegalStateException("expected a 2-D array, got shape " + shapeText(shape));
        }
        int n = dim(0);
        int p = dim(1);
        double[] all = doubles();
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(all, i * p, (i + 1) * p);
        }
        return out;
    }

    private long longAt(int i) {
        int p = i * dtype.size;
        return switch (dtype) {
            case BOOL, UINT8 -> data.get(p) & 0xFF;
            case INT8 -> data.get(p);
            case INT16 -> data.getShort(p);
            case UINT16 -> data.getShort(p) & 0xFFFF;
            case INT32 -> data.getInt(p);
            case UINT32 -> data.getInt(p) & 0xFFFFFFFFL;
            case INT64 -> data.getLong(p);
            default -> throw new IllegalStateException(dtype.descr);
        };
    }

    private double doubleAt(int i) {
        return dtype == Dtype.FLOAT32 ? data.getFloat(i * 4) : data.getDouble(i * 8);
    }

    static long count(long[] shape) {
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + shapeText(shape));
            }
            count = Math.multiplyExact(count, d);
        }
        return count;
    }

    /** A shape as NumPy prints it: {@code (2, 3)}, {@code (4,)}, {@code ()}. */
    public static String shapeText(long[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.descr + ", shape=" + shapeText(shape) + "]";
    }
}
