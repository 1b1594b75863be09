package io.pggan.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * PNG output of images held as floats in [-1, 1], with the official PGGAN mapping {@code rint((x +
 * 1) * 127.5)} clipped to 0..255.
 *
 * <p>The encoder is our own (8-bit grayscale or RGB, Paeth filter on every row, zlib level 6, no
 * timestamp or other metadata), so equal pixels always give equal bytes: no ImageIO plug-in choice
 * or adaptive filter heuristics. Files are written atomically with {@link AtomicFiles}.
 */
public final class ImagePng {
    private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};
    private static final int COLOR_GRAY = 0;
    private static final int COLOR_RGB = 2;

    private ImagePng() {}

    /** The official float-to-byte mapping: {@code rint((x + 1) * 127.5)} clipped to 0..255. */
    public static int toByte(float x) {
        double v = Math.rint((x + 1.0) * 127.5);
        if (!(v >= 0)) { // also maps NaN to 0
            return 0;
        }
        return v > 255 ? 255 : (int) v;
    }

    /** The inverse of {@link #toByte} up to rounding: {@code b / 127.5 - 1}. */
    public static float toFloat(int b) {
        return (float) ((b & 0xFF) / 127.5 - 1.0);
    }

    /** Maps every value with {@link #toByte}. */
    public static byte[] toBytes(float[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) toByte(values[i]);
        }
        return out;
    }

    /**
     * An image from planar floats.
     *
     * @param chw values in [-1, 1], channel-major ({@code [channels, height, width]})
     * @param channels 1 (grayscale) or 3 (RGB)
     * @param height rows
     * @param width columns
     * @return a {@code TYPE_BYTE_GRAY} or {@code TYPE_3BYTE_BGR} image
     */
    public static BufferedImage toImage(float[] chw, int channels, int height, int width) {
        checkShape(chw.length, channels, height, width);
        int plane = height * width;
        if (channels == 1) {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < plane; i++) {
                dst[i] = (byte) toByte(chw[i]);
            }
            return img;
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < plane; i++) {
            dst[3 * i] = (byte) toByte(chw[2 * plane + i]);
            dst[3 * i + 1] = (byte) toByte(chw[plane + i]);
            dst[3 * i + 2] = (byte) toByte(chw[i]);
        }
        return img;
    }

    /** Writes planar floats in [-1, 1] as a PNG (see {@link #toImage}). */
    public static void write(Path file, float[] chw, int channels, int height, int width) {
        checkShape(chw.length, channels, height, width);
        byte[] png;
        if (channels == 1) {
            png = encodeGray(toBytes(chw), width, height);
        } else {
            int plane = height * width;
            byte[] rgb = new byte[3 * plane];
            for (int i = 0; i < plane; i++) {
                rgb[3 * i] = (byte) toByte(chw[i]);
                rgb[3 * i + 1] = (byte) toByte(chw[plane + i]);
                rgb[3 * i + 2] = (byte) toByte(chw[2 * plane + i]);
            }
            png = encodeRgb(rgb, width, height);
        }
        AtomicFiles.writeBytes(file, png);
    }

    /** Writes a grayscale image of floats in [-1, 1], row-major {@code [height, width]}. */
    public static void writeGray(Path file, float[] values, int width, int height) {
        write(file, values, 1, height, width);
    }

    /**
     * Writes an NDArray of shape {@code [H, W]}, {@code [C, H, W]} or {@code [1, C, H, W]} with
     * values in [-1, 1] (C = 1 or 3).
     */
    public static void write(Path file, NDArray image) {
        Shape s = image.getShape();
        int dims = s.dimension();
        if (dims == 4 && s.get(0) == 1) {
            s = s.slice(1);
            dims = 3;
        }
        int c;
        int h;
        int w;
        if (dims == 2) {
            c = 1;
            h = (int) s.get(0);
            w = (int) s.get(1);
        } else if (dims == 3) {
            c = (int) s.get(0);
            h = (int) s.get(1);
            w = (int) s.get(2);
        } else {
            throw new IllegalArgumentException(
                    "Cannot write "
                            + file
                            + ": image shape "
                            + image.getShape()
                            + " is not"
                            + " [H, W], [C, H, W] or [1, C, H, W]");
        }
        float[] data = image.toType(DataType.FLOAT32, false).toFloatArray();
        write(file, data, c, h, w);
    }

    /** Writes a {@link BufferedImage}: gray types as 8-bit gray, anything else as 8-bit RGB. */
    public static void write(Path file, BufferedImage image) {
        AtomicFiles.writeBytes(file, encode(image));
    }

    /** PNG bytes of an image: gray types as 8-bit gray, anything else as 8-bit RGB. */
    public static byte[] encode(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int type = image.getType();
        if (type == BufferedImage.TYPE_BYTE_GRAY) {
            byte[] px = new byte[w * h];
            image.getRaster().getDataElements(0, 0, w, h, px);
            return encodeGray(px, w, h);
        }
        if (type == BufferedImage.TYPE_USHORT_GRAY) {
            byte[] px = new byte[w * h];
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                image.getRaster().getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    px[y * w + x] = (byte) ((row[x] * 255 + 32767) / 65535);
                }
            }
            return encodeGray(px, w, h);
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[3 * w * h];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return encodeRgb(rgb, w, h);
    }

    /** PNG bytes of 8-bit grayscale pixels, row-major. */
    public static byte[] encodeGray(byte[] pixels, int width, int height) {
        return encode(pixels, width, height, 1, COLOR_GRAY);
    }

    /** PNG bytes of 8-bit RGB pixels, interleaved {@code r, g, b} per pixel, row-major. */
    public static byte[] encodeRgb(byte[] rgb, int width, int height) {
        return encode(rgb, width, height, 3, COLOR_RGB);
    }

    private static byte[] encode(byte[] px, int width, int height, int bpp, int colorType) {
        if (width < 1 || height < 1 || (long) width * height * bpp != px.length) {
            throw new IllegalArgumentException(
                    "PNG of "
                            + width
                            + "x"
                            + height
                            + "x"
                            + bpp
                            + " needs "
                            + ((long) width * height * bpp)
                            + " bytes, got "
                            + px.length);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(px.length / 2 + 1024);
            out.write(SIGNATURE);
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(ihdr);
            d.writeInt(width);
            d.writeInt(height);
            d.writeByte(8); // bit depth
            d.writeByte(colorType);
            d.writeByte(0); // deflate
            d.writeByte(0); // adaptive filtering method (we always pick Paeth)
            d.writeByte(0); // no interlace
            chunk(out, "IHDR", ihdr.toByteArray());
            chunk(out, "IDAT", compress(filterPaeth(px, width, height, bpp)));
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory PNG encoding failed", e);
        }
    }

    private static byte[] filterPaeth(byte[] px, int width, int height, int bpp) {
        int stride = width * bpp;
        byte[] out = new byte[height * (stride + 1)];
        for (int y = 0; y < height; y++) {
            int o = y * (stride + 1);
            out[o] = 4; // Paeth
            int row = y * stride;
            for (int i = 0; i < stride; i++) {
                int a = i >= bpp ? px[row + i - bpp] & 0xFF : 0;
                int b = y > 0 ? px[row - stride + i] & 0xFF : 0;
                int c = (i >= bpp && y > 0) ? px[row - stride + i - bpp] & 0xFF : 0;
                int p = a + b - c;
                int pa = Math.abs(p - a);
                int pb = Math.abs(p - b);
                int pc = Math.abs(p - c);
                int pred = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
                out[o + 1 + i] = (byte) ((px[row + i] & 0xFF) - pred);
            }
        }
        return out;
    }

    private static byte[] compress(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length / 2 + 64);
        Deflater deflater = new Deflater(6);
        try (OutputStream z = new DeflaterOutputStream(bytes, deflater, 1 << 16)) {
            z.write(data);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    static void checkShape(int length, int channels, int height, int width) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (height < 1 || width < 1 || (long) channels * height * width != length) {
            throw new IllegalArgumentException(
                    "image of shape ["
                            + channels
                            + ", "
                            + height
                            + ", "
                            + width
                            + "] needs "
                            + ((long) channels * height * width)
                            + " values, got "
                            + length);
        }
    }
}
