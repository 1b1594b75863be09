package io.pggan.data.dicom;

import ij.io.FileInfo;
import ij.io.ImageReader;
import io.pggan.data.DataException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads radiographs from uncompressed DICOM files.
 *
 * <p>The header is walked by {@link DicomParser} (every length checked against the file, the image
 * size checked before anything is allocated, compressed transfer syntaxes refused with their name);
 * the pixel samples are decoded by ImageJ's raw reader ({@code ij.io.ImageReader}, the decoder
 * behind ImageJ's own DICOM plugin) and then mapped to display gray values by the DICOM grayscale
 * pipeline (PS3.4 N.2):
 *
 * <ol>
 *   <li>stored value: the Bits Stored bits below High Bit, sign-extended when Pixel Representation
 *       is 1 (bits above, e.g. overlays in a 12-of-16-bit file, are dropped);
 *   <li>modality LUT: {@code value * Rescale Slope + Rescale Intercept};
 *   <li>VOI LUT: the first Window Center/Width pair with the VOI LUT Function (LINEAR, LINEAR_EXACT
 *       or SIGMOID, PS3.3 C.11.2.1.2) to 0..255; without a window (or with {@link
 *       Builder#useFileWindow(boolean) useFileWindow(false)}), the image's own min..max;
 *   <li>MONOCHROME1 (white = lowest value) is inverted to MONOCHROME2.
 * </ol>
 *
 * A right hand (Image Laterality (0020,0062) "R", or when that is absent Laterality (0020,0060)
 * "R") is mirrored left-right to look like the left hands the study uses, with an INFO log line.
 * Only the first frame of a multi-frame file is read.
 */
public final class DicomReader {
    private static final Logger LOG = LoggerFactory.getLogger(DicomReader.class);
    private static final DicomReader DEFAULTS = builder().build();

    private final boolean mirrorRightHands;
    private final boolean useFileWindow;

    private DicomReader(Builder b) {
        this.mirrorRightHands = b.mirrorRightHands;
        this.useFileWindow = b.useFileWindow;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The default reader: file window applied, right hands mirrored. */
    public static DicomReader defaults() {
        return DEFAULTS;
    }

    /** Whether the file name ends in {@code .dcm} or {@code .dicom} (any case). */
    public static boolean isDicomName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".dcm") || name.endsWith(".dicom");
    }

    /**
     * Reads only the header.
     *
     * @throws DataException naming the file (see {@link #read})
     */
    public DicomInfo header(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return DicomParser.parse(file, ch);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": DICOM file does not exist", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read DICOM file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads one radiograph.
     *
     * @throws DataException naming the file when it is missing, not DICOM, truncated, compressed
     *     (the message names the transfer syntax), larger than {@link
     *     io.pggan.data.Preprocessing#MAX_SOURCE_SIDE} per side, or of an unsupported pixel format
     */
    public DicomImage read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            DicomInfo info = DicomParser.parse(file, ch);
            double[] values = modalityValues(file, ch, info);
            float[] gray = toGray(file, values, info);
            if (info.photometric().equals(DicomInfo.MONOCHROME1)) {
                for (int i = 0; i < gray.length; i++) {
                    gray[i] = 255f - gray[i];
                }
            }
            boolean mirror = mirrorRightHands && info.side().equals("R");
            if (!info.laterality().isEmpty()
                    && !info.imageLaterality().isEmpty()
                    && !info.laterality().equals(info.imageLaterality())) {
                LOG.warn(
                        "{}: Laterality (0020,0060) is {} but Image Laterality (0020,0062) is {};"
                                + " using the image's",
                        file,
                        info.laterality(),
                        info.imageLaterality());
            }
            if (mirror) {
                mirrorRows(gray, info.columns(), info.rows());
                LOG.info("{}: {} is R: mirrored to a left hand", file, info.sideTag());
            }
            return new DicomImage(file, info.columns(), info.rows(), gray, info, mirror);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": DICOM file does not exist", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read DICOM file (" + e.getMessage() + ")", e);
        }
    }

    /** Decodes the first frame with ImageJ and applies bit masking and the modality LUT. */
    private static double[] modalityValues(Path file, FileChannel ch, DicomInfo info)
            throws IOException {
        FileInfo fi = new FileInfo();
        fi.fileFormat = FileInfo.RAW;
        fi.width = info.columns();
        fi.height = info.rows();
        fi.nImages = 1;
        fi.offset = 0;
        fi.intelByteOrder = info.transferSyntax().littleEndian();
        boolean rgb = info.samplesPerPixel() == 3;
        fi.fileType =
                rgb
                        ? FileInfo.RGB
                        : info.bitsAllocated() == 8 ? FileInfo.GRAY8 : FileInfo.GRAY16_UNSIGNED;
        ch.position(info.pixelOffset());
        Object pixels;
        // not closed: closing it would close the channel, which the caller's try does
        InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
        pixels = new ImageReader(fi).readPixels(in, 0L);
        if (pixels == null) {
            throw new DataException(
                    file
                            + ": pixel data at byte "
                            + info.pixelOffset()
                            + " could not be decoded (ImageJ ImageReader returned nothing)");
        }
        int n = info.rows() * info.columns();
        double[] out = new double[n];
        if (rgb) {
            int[] argb = (int[]) pixels;
            for (int i = 0; i < n; i++) {
                int p = argb[i];
                out[i] =
                        0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF);
            }
            return out;
        }
        int shift = info.highBit() + 1 - info.bitsStored();
        int mask = (1 << info.bitsStored()) - 1;
        int signBit = 1 << (info.bitsStored() - 1);
        boolean signed = info.signed();
        double slope = info.rescaleSlope();
        double intercept = info.rescaleIntercept();
        for (int i = 0; i < n; i++) {
            int raw = pixels instanceof byte[] b ? b[i] & 0xFF : ((short[]) pixels)[i] & 0xFFFF;
            int v = (raw >>> shift) & mask;
            if (signed && (v & signBit) != 0) {
                v -= 1 << info.bitsStored();
            }
            out[i] = v * slope + intercept;
        }
        return out;
    }

    /** VOI LUT (window) or min..max to 0..255. */
    private float[] toGray(Path file, double[] values, DicomInfo info) {
        float[] gray = new float[values.length];
        String function = info.voiLutFunction();
        boolean window =
                useFileWindow
                        && info.hasWindow()
                        && info.samplesPerPixel() == 1
                        && (function.equals("LINEAR")
                                ? info.windowWidth() >= 1
                                : info.windowWidth() > 0);
        if (useFileWindow && info.hasWindow() && !window) {
            LOG.warn(
                    "{}: Window Width {} is not valid for VOI LUT Function {}; using the image's"
                            + " min..max",
                    file,
                    info.windowWidth(),
                    function);
        }
        if (window) {
            double c = info.windowCenter();
            double w = info.windowWidth();
            for (int i = 0; i < values.length; i++) {
                gray[i] = (float) (255 * voi(values[i], c, w, function));
            }
            return gray;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double range = max - min;
        for (int i = 0; i < values.length; i++) {
            gray[i] = range > 0 ? (float) (255 * (values[i] - min) / range) : 0f;
        }
        return gray;
    }

    /** The VOI LUT functions of PS3.3 C.11.2.1.2/3, output in [0, 1]. */
    static double voi(double x, double c, double w, String function) {
        switch (function) {
            case "SIGMOID":
                return 1 / (1 + Math.exp(-4 * (x - c) / w));
            case "LINEAR_EXACT":
                if (x <= c - w / 2) {
                    return 0;
                }
                if (x > c + w / 2) {
                    return 1;
                }
                return (x - c) / w + 0.5;
            default: // LINEAR
                if (x <= c - 0.5 - (w - 1) / 2) {
                    return 0;
                }
                if (x > c - 0.5 + (w - 1) / 2) {
                    return 1;
                }
                return (x - (c - 0.5)) / (w - 1) + 0.5;
        }
    }

    private static void mirrorRows(float[] px, int w, int h) {
        for (int y = 0; y < h; y++) {
            for (int a = y * w, b = a + w - 1; a < b; a++, b--) {
                float t = px[a];
                px[a] = px[b];
                px[b] = t;
            }
        }
    }

    /** Builder of {@link DicomReader}. */
    public static final class Builder {
        private boolean mirrorRightHands = true;
        private boolean useFileWindow = true;

        private Builder() {}

        /** Mirror right hands to left ones (default true: the study's images are left hands). */
        public Builder mirrorRightHands(boolean mirror) {
            this.mirrorRightHands = mirror;
            return this;
        }

        /**
         * Apply the file's window (default true); false maps the image's min..max to 0..255
         * instead.
         */
        public Builder useFileWindow(boolean use) {
            this.useFileWindow = use;
            return this;
        }

        /** The reader. */
        public DicomReader build() {
            return new DicomReader(this);
        }
    }
}
