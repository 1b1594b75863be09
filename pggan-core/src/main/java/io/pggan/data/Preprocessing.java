package io.pggan.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.util.Objects;

/**
 * The study's preprocessing of a radiograph: grayscale, pad (or crop) to a square, resize to a
 * power-of-two side with area averaging, values mapped from 0..255 to [-1, 1] ({@code v / 127.5 -
 * 1}, the inverse of the official PNG mapping). Immutable; serialises to JSON.
 */
public final class Preprocessing {
    /** Smallest accepted side (width or height) of a source image, in pixels. */
    public static final int MIN_SOURCE_SIDE = 32;

    /** Largest accepted resolution. */
    public static final int MAX_RESOLUTION = 4096;

    /** Largest accepted source side: larger files are rejected before decoding pixels. */
    public static final int MAX_SOURCE_SIDE = 8192;

    private final int resolution;
    private final SquareMode squareMode;

    /**
     * Preprocessing to the given side.
     *
     * @param resolution power of two, 4 to {@link #MAX_RESOLUTION}
     * @param squareMode pad or crop
     */
    @JsonCreator
    public Preprocessing(
            @JsonProperty("resolution") int resolution,
            @JsonProperty("squareMode") SquareMode squareMode) {
        checkResolution(resolution);
        this.resolution = resolution;
        this.squareMode = Objects.requireNonNull(squareMode, "squareMode");
    }

    /** Throws if {@code resolution} is not a power of two between 4 and {@link #MAX_RESOLUTION}. */
    public static void checkResolution(int resolution) {
        if (resolution < 4 || resolution > MAX_RESOLUTION || Integer.bitCount(resolution) != 1) {
            throw new IllegalArgumentException(
                    "resolution must be a power of two between 4 and "
                            + MAX_RESOLUTION
                            + ", got "
                            + resolution);
        }
    }

    /** Output side in pixels. */
    @JsonProperty
    public int resolution() {
        return resolution;
    }

    /** Pad or crop. */
    @JsonProperty
    public SquareMode squareMode() {
        return squareMode;
    }

    /**
     * Preprocesses one image.
     *
     * @param image any Java2D image (gray, 16-bit gray, RGB, indexed)
     * @param source file name used in error messages
     * @return row-major {@code [resolution * resolution]} floats in [-1, 1]
     * @throws DataException naming {@code source} if the image is smaller than {@link
     *     #MIN_SOURCE_SIDE}
     */
    public float[] apply(BufferedImage image, String source) {
        return apply(grayscale(image), image.getWidth(), image.getHeight(), source);
    }

    /**
     * Preprocesses one image given as gray values (used for DICOM, whose 12/16-bit values are
     * windowed to 0..255 without rounding to bytes).
     *
     * @param gray row-major {@code [width * height]} gray values in 0..255
     * @param w width in pixels
     * @param h height in pixels
     * @param source file name used in error messages
     * @return row-major {@code [resolution * resolution]} floats in [-1, 1]
     * @throws DataException naming {@code source} if the image is smaller than {@link
     *     #MIN_SOURCE_SIDE}
     */
    public float[] apply(float[] gray, int w, int h, String source) {
        if (gray.length != (long) w * h) {
            throw new IllegalArgumentException(
                    source + ": " + gray.length + " gray values for a " + w + "x" + h + " image");
        }
        if (w < MIN_SOURCE_SIDE || h < MIN_SOURCE_SIDE) {
            throw new DataException(
                    source
                            + ": image is "
                            + w
                            + "x"
                            + h
                            + " pixels, smaller than the minimum "
                            + MIN_SOURCE_SIDE
                            + "x"
                            + MIN_SOURCE_SIDE);
        }
        int side;
        float[] square;
        if (squareMode == SquareMode.PAD) {
            side = Math.max(w, h);
            square = new float[side * side]; // 0 = black
            int ox = (side - w) / 2;
            int oy = (side - h) / 2;
            for (int y = 0; y < h; y++) {
                System.arraycopy(gray, y * w, square, (y + oy) * side + ox, w);
            }
        } else {
            side = Math.min(w, h);
            square = new float[side * side];
            int ox = (w - side) / 2;
            int oy = (h - side) / 2;
            for (int y = 0; y < side; y++) {
                System.arraycopy(gray, (y + oy) * w + ox, square, y * side, side);
            }
        }
        float[] resized = resizeArea(square, side, side, resolution, resolution);
        for (int i = 0; i < resized.length; i++) {
            resized[i] = Math.max(-1f, Math.min(1f, resized[i] / 127.5f - 1f));
        }
        return resized;
    }

    /** Gray values 0..255 (as floats) of any image; colour uses ITU-R 601 luma weights. */
    static float[] grayscale(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[w * h];
        Raster r = image.getRaster();
        ColorModel cm = image.getColorModel();
        int bands = r.getNumBands();
        boolean singleBand = bands == 1 && cm.getNumComponents() == 1;
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY
                && r.getDataBuffer() instanceof DataBufferByte
                && r.getSampleModelTranslateX() == 0
                && r.getSampleModelTranslateY() == 0
                && ((DataBufferByte) r.getDataBuffer()).getData().length == w * h) {
            byte[] px = ((DataBufferByte) r.getDataBuffer()).getData();
            for (int i = 0; i < px.length; i++) {
                out[i] = px[i] & 0xFF;
            }
            return out;
        }
        if (singleBand) {
            int bits = cm.getComponentSize(0);
            double scale = 255.0 / ((1L << bits) - 1);
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (float) (row[x] * scale);
                }
            }
            return out;
        }
        if (r.getTransferType() == DataBuffer.TYPE_USHORT && bands >= 3) {
            int[] px = new int[bands];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    r.getPixel(x, y, px);
                    out[y * w + x] =
                            (float) ((0.299 * px[0] + 0.587 * px[1] + 0.114 * px[2]) / 257.0);
                }
            }
            return out;
        }
        int[] argb = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                int p = argb[x];
                out[y * w + x] =
                        (float)
                                (0.299 * ((p >> 16) & 0xFF)
                                        + 0.587 * ((p >> 8) & 0xFF)
                                        + 0.114 * (p & 0xFF));
            }
        }
        return out;
    }

    /**
     * Area-averaging resize (every output pixel is the exact area-weighted mean of the input it
     * covers), separable; for enlargement it degrades gracefully to nearest neighbour with blended
     * borders.
     */
    public static float[] resizeArea(float[] src, int sw, int sh, int dw, int dh) {
        if (sw == dw && sh == dh) {
            return src.clone();
        }
        float[] tmp = new float[dw * sh];
        Weights wx = Weights.of(sw, dw);
        for (int y = 0; y < sh; y++) {
            wx.apply(src, y * sw, 1, tmp, y * dw, 1);
        }
        float[] out = new float[dw * dh];
        Weights wy = Weights.of(sh, dh);
        for (int x = 0; x < dw; x++) {
            wy.apply(tmp, x, dw, out, x, dw);
        }
        return out;
    }

    /** Area-overlap weights of every output sample over the input samples. */
    private static final class Weights {
        final int[] start;
        final float[][] weight;

        private Weights(int[] start, float[][] weight) {
            this.start = start;
            this.weight = weight;
        }

        static Weights of(int in, int out) {
            int[] start = new int[out];
            float[][] weight = new float[out][];
            double scale = (double) in / out;
            for (int o = 0; o < out; o++) {
                double a = o * scale;
                double b = (o + 1) * scale;
                int i0 = (int) Math.floor(a);
                int i1 = Math.min(in, (int) Math.ceil(b));
                start[o] = i0;
                float[] ws = new float[i1 - i0];
                double total = b - a;
                for (int i = i0; i < i1; i++) {
                    double overlap = Math.min(b, i + 1) - Math.max(a, i);
                    ws[i - i0] = (float) (Math.max(0, overlap) / total);
                }
                weight[o] = ws;
            }
            return new Weights(start, weight);
        }

        void apply(float[] src, int srcOff, int srcStep, float[] dst, int dstOff, int dstStep) {
            for (int o = 0; o < start.length; o++) {
                float[] ws = weight[o];
                int s = srcOff + start[o] * srcStep;
                double acc = 0;
                for (int k = 0; k < ws.length; k++) {
                    acc += ws[k] * src[s + k * srcStep];
                }
                dst[dstOff + o * dstStep] = (float) acc;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing
                && ((Preprocessing) o).resolution == resolution
                && ((Preprocessing) o).squareMode == squareMode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(resolution, squareMode);
    }

    @Override
    public String toString() {
        return "Preprocessing{resolution=" + resolution + ", squareMode=" + squareMode + "}";
    }
}
