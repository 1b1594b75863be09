package io.pggan.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.pggan.io.NpyArray;
import java.util.List;

/**
 * A batch of 8-bit images in NCHW order with values 0..255, the form in which PGGAN evaluates every
 * image metric. Generator output in [-1, 1] is converted the PGGAN way: {@code x * 127.5 + 127.5},
 * rounded half to even, clipped to 0..255 (see {@link #fromSigned(NDArray)}). Immutable.
 */
public final class Uint8Images {
    private final int count;
    private final int channels;
    private final int height;
    private final int width;
    private final byte[] data;

    private Uint8Images(int count, int channels, int height, int width, byte[] data) {
        this.count = count;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.data = data;
    }

    /**
     * Wraps NCHW bytes (unsigned, 0..255); the array is copied.
     *
     * @throws IllegalArgumentException if the shape does not match the data length
     */
    public static Uint8Images of(byte[] data, int count, int channels, int height, int width) {
        checkShape(count, channels, height, width);
        long need = (long) count * channels * height * width;
        if (data.length != need) {
            throw new IllegalArgumentException(
                    "image data has "
                            + data.length
                            + " bytes but shape ["
                            + count
                            + ", "
                            + channels
                            + ", "
                            + height
                            + ", "
                            + width
                            + "] needs "
                            + need);
        }
        return new Uint8Images(count, channels, height, width, data.clone());
    }

    private static void checkShape(int n, int c, int h, int w) {
        if (n < 0 || c <= 0 || h <= 0 || w <= 0) {
            throw new IllegalArgumentException(
                    "bad image shape [" + n + ", " + c + ", " + h + ", " + w + "]");
        }
        if (c != 1 && c != 3) {
            throw new IllegalArgumentException(
                    "images must have 1 or 3 channels (NCHW), got C = " + c);
        }
        if ((long) n * c * h * w > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "image batch [" + n + ", " + c + ", " + h + ", " + w + "] is too large");
        }
    }

    /** Reads a uint8 {@code (N, C, H, W)} or {@code (N, H, W)} array. */
    public static Uint8Images fromNpy(NpyArray a) {
        if (!a.descr().equals("|u1")) {
            throw new IllegalArgumentException("images must be uint8 (|u1), got " + a.descr());
        }
        int[] s = new int[a.ndim()];
        for (int i = 0; i < s.length; i++) {
            s[i] = a.dim(i);
        }
        if (s.length == 3) {
            s = new int[] {s[0], 1, s[1], s[2]};
        }
        if (s.length != 4) {
            throw new IllegalArgumentException(
                    "images must be (N, C, H, W) or (N, H, W), got " + a);
        }
        checkShape(s[0], s[1], s[2], s[3]);
        long[] l = a.longs();
        byte[] b = new byte[l.length];
        for (int i = 0; i < l.length; i++) {
            b[i] = (byte) l[i];
        }
        return new Uint8Images(s[0], s[1], s[2], s[3], b);
    }

    /**
     * Converts float images in [-1, 1], NCHW (or CHW for one image), to 8 bits exactly as PGGAN's
     * evaluation does: {@code rint(x * 127.5 + 127.5)} clipped to 0..255.
     */
    public static Uint8Images fromSigned(NDArray images) {
        Shape shape = images.getShape();
        long[] s = shape.getShape();
        if (s.length == 3) {
            s = new long[] {1, s[0], s[1], s[2]};
        }
        if (s.length != 4) {
            throw new IllegalArgumentException("images must be NCHW, got shape " + shape);
        }
        checkShape((int) s[0], (int) s[1], (int) s[2], (int) s[3]);
        float[] f =
                images.getDataType() == DataType.FLOAT32
                        ? images.toFloatArray()
                        : images.toType(DataType.FLOAT32, false).toFloatArray();
        byte[] b = new byte[f.length];
        for (int i = 0; i < f.length; i++) {
            float x = f[i];
            if (!Float.isFinite(x)) {
                // a generator that outputs NaN or infinity has diverged: no metric of it means much
                throw new IllegalArgumentException(
                        "image element " + i + " is " + x + " (NaN or infinite)");
            }
            double v = Math.rint((double) x * 127.5 + 127.5);
            b[i] = (byte) (v < 0 ? 0 : v > 255 ? 255 : (int) v);
        }
        return new Uint8Images((int) s[0], (int) s[1], (int) s[2], (int) s[3], b);
    }

    /** Concatenates batches of the same C, H, W. */
    public static Uint8Images concat(List<Uint8Images> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        Uint8Images first = parts.get(0);
        long total = 0;
        for (Uint8Images p : parts) {
            first.requireSameImageShape(p, "concat");
            total += p.data.length;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("concatenated batch is too large");
        }
        byte[] b = new byte[(int) total];
        int off = 0;
        int n = 0;
        for (Uint8Images p : parts) {
            System.arraycopy(p.data, 0, b, off, p.data.length);
            off += p.data.length;
            n += p.count;
        }
        return new Uint8Images(n, first.channels, first.height, first.width, b);
    }

    /** Returns the images at the given indices, in that order. */
    public Uint8Images select(int[] indices) {
        int per = imageSize();
        byte[] b = new byte[indices.length * per];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= count) {
                throw new IndexOutOfBoundsException(
                        "image index " + i + " outside [0, " + count + ")");
            }
            System.arraycopy(data, i * per, b, k * per, per);
        }
        return new Uint8Images(indices.length, channels, height, width, b);
    }

    /** Returns images {@code [from, to)}. */
    public Uint8Images slice(int from, int to) {
        if (from < 0 || to > count || from > to) {
            throw new IndexOutOfBoundsException(
                    "slice [" + from + ", " + to + ") of " + count + " images");
        }
        int per = imageSize();
        byte[] b = new byte[(to - from) * per];
        System.arraycopy(data, from * per, b, 0, b.length);
        return new Uint8Images(to - from, channels, height, width, b);
    }

    /** PGGAN's grayscale convention: a 1-channel batch repeated to 3 channels. */
    public Uint8Images tileToRgb() {
        if (channels == 3) {
            return this;
        }
        int plane = height * width;
        byte[] b = new byte[count * 3 * plane];
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < 3; c++) {
                System.arraycopy(data, i * plane, b, (i * 3 + c) * plane, plane);
            }
        }
        return new Uint8Images(count, 3, height, width, b);
    }

    /**
     * Throws a clear error when {@code other} has a different C, H or W.
     *
     * @param what the operation, used in the message
     */
    public void requireSameImageShape(Uint8Images other, String what) {
        if (other.channels != channels || other.height != height || other.width != width) {
            throw new IllegalArgumentException(
                    what
                            + ": image shapes differ: "
                            + shapeString()
                            + " vs "
                            + other.shapeString());
        }
    }

    /** Returns {@code [N, C, H, W]} as text. */
    public String shapeString() {
        return "[" + count + ", " + channels + ", " + height + ", " + width + "]";
    }

    /** Number of images N. */
    public int count() {
        return count;
    }

    /** Channels C (1 or 3). */
    public int channels() {
        return channels;
    }

    /** Height H. */
    public int height() {
        return height;
    }

    /** Width W. */
    public int width() {
        return width;
    }

    /** Elements per image, C*H*W. */
    public int imageSize() {
        return channels * height * width;
    }

    /** Pixel value 0..255. */
    public int get(int image, int channel, int y, int x) {
        return data[((image * channels + channel) * height + y) * width + x] & 0xFF;
    }

    /** Unsigned value of the flat element {@code i} (NCHW order). */
    public int at(int i) {
        return data[i] & 0xFF;
    }

    /** Copies the raw bytes (NCHW) of image {@code i} into {@code dst} at {@code off}. */
    public void copyImage(int i, byte[] dst, int off) {
        System.arraycopy(data, i * imageSize(), dst, off, imageSize());
    }

    /** Returns one image as doubles 0..255, CHW order. */
    public double[] imageAsDoubles(int i) {
        int per = imageSize();
        double[] out = new double[per];
        int base = i * per;
        for (int k = 0; k < per; k++) {
            out[k] = data[base + k] & 0xFF;
        }
        return out;
    }

    /**
     * These images as a source of {@code [n, C, H, W]} batches in [-1, 1], in order from the first:
     * for streaming them through a feature model with {@link
     * io.pggan.metrics.features.FeatureStreams#fromSource}.
     */
    public io.pggan.metrics.features.ImageBatchSource asSource() {
        int[] at = {0};
        return (manager, n) -> {
            if (at[0] + n > count) {
                throw new IllegalStateException(
                        "asked for " + n + " images after " + at[0] + " of " + count);
            }
            Uint8Images part = slice(at[0], at[0] + n);
            at[0] += n;
            return manager.create(
                    part.toSignedFloats(),
                    new ai.djl.ndarray.types.Shape(n, channels, height, width));
        };
    }

    /** Converts back to floats in [-1, 1] (NCHW) for a DJL model. */
    public float[] toSignedFloats() {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (((data[i] & 0xFF) - 127.5) / 127.5);
        }
        return f;
    }
}
