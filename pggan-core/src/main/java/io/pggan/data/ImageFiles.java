package io.pggan.data;

import io.pggan.data.dicom.DicomImage;
import io.pggan.data.dicom.DicomReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Decoding of untrusted image files: the size is checked from the header before any pixels are
 * allocated, and every failure becomes a {@link DataException} naming the file.
 */
public final class ImageFiles {
    private ImageFiles() {}

    /**
     * Loads one image file through {@code preprocessing}: DICOM ({@code .dcm}, {@code .dicom})
     * through {@link DicomReader#defaults()} at full precision, anything else through {@link
     * #read}.
     *
     * @throws DataException naming the file
     */
    public static float[] load(Path file, Preprocessing preprocessing) {
        if (DicomReader.isDicomName(file)) {
            DicomImage d = DicomReader.defaults().read(file);
            return preprocessing.apply(d.gray(), d.width(), d.height(), file.toString());
        }
        return preprocessing.apply(read(file), file.toString());
    }

    /**
     * Decodes a PNG or JPEG (or any format ImageIO reads), or a DICOM file by its name (as 8-bit
     * gray after {@link DicomReader#defaults()}).
     *
     * @throws DataException naming the file if it is missing, unreadable, corrupt, or larger than
     *     {@link Preprocessing#MAX_SOURCE_SIDE} per side
     */
    public static BufferedImage read(Path file) {
        if (DicomReader.isDicomName(file)) {
            return DicomReader.defaults().read(file).toBufferedImage();
        }
        try (InputStream in = Files.newInputStream(file);
                ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            if (iis == null) {
                throw new DataException(file + ": cannot open as an image stream");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new DataException(
                        file + ": not a readable image (unknown or corrupt format)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w > Preprocessing.MAX_SOURCE_SIDE || h > Preprocessing.MAX_SOURCE_SIDE) {
                    throw new DataException(
                            file
                                    + ": image is "
                                    + w
                                    + "x"
                                    + h
                                    + " pixels, larger than the"
                                    + " maximum "
                                    + Preprocessing.MAX_SOURCE_SIDE
                                    + " per side");
                }
                checkDecodedSize(file, reader, w, h);
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new DataException(file + ": image decoder returned nothing");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": image file does not exist", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException) {
                throw (DataException) e;
            }
            throw new DataException(
                    file
                            + ": corrupt or unreadable image ("
                            + e.getClass().getSimpleName()
                            + ": "
                            + e.getMessage()
                            + ")",
                    e);
        }
    }

    /**
     * Refuses an image whose decoded pixels would take more than an eighth of the heap (a 16-bit
     * RGBA PNG of 8192 x 8192 is 512 MB though its file may be a few kilobytes), before decoding.
     */
    private static void checkDecodedSize(Path file, ImageReader reader, int w, int h)
            throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            return; // the decoder cannot tell before decoding; the side limit still holds
        }
        long bits = 0;
        for (int b = 0; b < type.getNumBands(); b++) {
            bits += type.getBitsPerBand(b);
        }
        long bytes = (long) w * h * Math.max(1, (bits + 7) / 8);
        long max = Runtime.getRuntime().maxMemory() / 8;
        if (bytes > max) {
            throw new DataException(
                    file
                            + ": image is "
                            + w
                            + "x"
                            + h
                            + " with "
                            + bits
                            + " bits per pixel, "
                            + bytes
                            + " bytes decoded; this JVM decodes images of up to "
                            + max
                            + " bytes (an eighth of its heap): raise -Xmx");
        }
    }
}
