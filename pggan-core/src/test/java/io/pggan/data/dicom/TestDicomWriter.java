package io.pggan.data.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tiny DICOM Part 10 writer for tests: preamble, file meta group (explicit VR little endian),
 * then a data set in implicit or explicit VR, little or big endian, with the attributes a
 * radiograph reader looks at, a sequence of undefined length, and 8- or 16-bit pixel data.
 */
public final class TestDicomWriter {
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";

    String syntax = EXPLICIT_LE;
    String photometric = "MONOCHROME2";
    int rows = 40;
    int columns = 48;
    int bitsAllocated = 16;
    int bitsStored = 12;
    int highBit = -1;
    int pixelRepresentation = 0;
    int[] samples; // stored values (raw words, including any bits above Bits Stored)
    String slope;
    String intercept;
    String windowCenter;
    String windowWidth;
    String voiFunction;
    String laterality;
    String imageLaterality;

    /** A sequence of undefined length whose item says Laterality "R" (must be ignored). */
    boolean decoySequence = true;

    /**
     * Adds a private UN element of undefined length whose item holds implicit VR content (PS3.5
     * 6.2.2), as some archives write unknown sequences.
     */
    boolean unknownSequence = false;

    /** Writes Rows and Columns as 4-byte UL values (to announce sizes US cannot hold). */
    public long hugeSide = -1;

    public TestDicomWriter(int rows, int columns, int bitsAllocated, int bitsStored) {
        this.rows = rows;
        this.columns = columns;
        this.bitsAllocated = bitsAllocated;
        this.bitsStored = bitsStored;
    }

    /** A ramp of stored values 0..2^bitsStored-1 over the pixels, left to right, top to bottom. */
    public TestDicomWriter ramp() {
        samples = new int[rows * columns];
        int max = (1 << bitsStored) - 1;
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (int) Math.round((double) i * max / (samples.length - 1));
        }
        return this;
    }

    public byte[] bytes() {
        try {
            ByteArrayOutputStream meta = new ByteArrayOutputStream();
            Encoder m = new Encoder(meta, true, true);
            m.element(0x0002, 0x0001, "OB", new byte[] {0, 1});
            m.string(0x0002, 0x0002, "UI", "1.2.840.10008.5.1.4.1.1.1.1"); // DX for presentation
            m.string(0x0002, 0x0003, "UI", "1.2.3.4.5.6.7");
            m.string(0x0002, 0x0010, "UI", syntax);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[128]);
            out.write("DICM".getBytes(StandardCharsets.US_ASCII));
            Encoder head = new Encoder(out, true, true);
            head.element(0x0002, 0x0000, "UL", head.u32(meta.size()));
            out.write(meta.toByteArray());

            boolean explicit = !syntax.equals(IMPLICIT_LE);
            boolean little = !syntax.equals(EXPLICIT_BE);
            Encoder d = new Encoder(out, explicit, little);
            d.string(0x0008, 0x0060, "CS", "DX");
            if (decoySequence) {
                d.header(0x0008, 0x1140, "SQ", 0xFFFFFFFFL);
                d.header(0xFFFE, 0xE000, null, 0xFFFFFFFFL);
                d.string(0x0008, 0x1150, "UI", "1.2.840.10008.5.1.4.1.1.1.1");
                d.string(0x0020, 0x0060, "CS", "R");
                d.header(0xFFFE, 0xE00D, null, 0);
                d.header(0xFFFE, 0xE0DD, null, 0);
            }
            if (unknownSequence) {
                d.header(0x0019, 0x1010, "UN", 0xFFFFFFFFL);
                Encoder implicit = new Encoder(out, false, true);
                implicit.header(0xFFFE, 0xE000, null, 0xFFFFFFFFL);
                implicit.string(0x0020, 0x0062, "CS", "R"); // implicit: tag + 4-byte length
                implicit.header(0xFFFE, 0xE00D, null, 0);
                implicit.header(0xFFFE, 0xE0DD, null, 0);
            }
            if (laterality != null) {
                d.string(0x0020, 0x0060, "CS", laterality);
            }
            if (imageLaterality != null) {
                d.string(0x0020, 0x0062, "CS", imageLaterality);
            }
            d.element(0x0028, 0x0002, "US", d.u16(photometric.equals("RGB") ? 3 : 1));
            d.string(0x0028, 0x0004, "CS", photometric);
            if (hugeSide > 0) {
                d.element(0x0028, 0x0010, "UL", d.u32(hugeSide));
                d.element(0x0028, 0x0011, "UL", d.u32(hugeSide));
            } else {
                d.element(0x0028, 0x0010, "US", d.u16(rows));
                d.element(0x0028, 0x0011, "US", d.u16(columns));
            }
            d.element(0x0028, 0x0100, "US", d.u16(bitsAllocated));
            d.element(0x0028, 0x0101, "US", d.u16(bitsStored));
            d.element(0x0028, 0x0102, "US", d.u16(highBit < 0 ? bitsStored - 1 : highBit));
            d.element(0x0028, 0x0103, "US", d.u16(pixelRepresentation));
            if (windowCenter != null) {
                d.string(0x0028, 0x1050, "DS", windowCenter);
                d.string(0x0028, 0x1051, "DS", windowWidth);
            }
            if (intercept != null) {
                d.string(0x0028, 0x1052, "DS", intercept);
            }
            if (slope != null) {
                d.string(0x0028, 0x1053, "DS", slope);
            }
            if (voiFunction != null) {
                d.string(0x0028, 0x1056, "CS", voiFunction);
            }
            int bytesPer = bitsAllocated / 8;
            ByteBuffer px =
                    ByteBuffer.allocate(samples.length * bytesPer)
                            .order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            for (int s : samples) {
                if (bytesPer == 1) {
                    px.put((byte) s);
                } else {
                    px.putShort((short) s);
                }
            }
            d.element(0x7FE0, 0x0010, bytesPer == 1 ? "OB" : "OW", px.array());
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path write(Path file) {
        try {
            Files.write(file, bytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Element encoder for one VR mode and byte order. */
    private static final class Encoder {
        private final ByteArrayOutputStream out;
        private final boolean explicit;
        private final ByteOrder order;

        Encoder(ByteArrayOutputStream out, boolean explicit, boolean little) {
            this.out = out;
            this.explicit = explicit;
            this.order = little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        }

        byte[] u16(int v) {
            return ByteBuffer.allocate(2).order(order).putShort((short) v).array();
        }

        byte[] u32(long v) {
            return ByteBuffer.allocate(4).order(order).putInt((int) v).array();
        }

        void string(int group, int elem, String vr, String value) throws IOException {
            byte[] b = value.getBytes(StandardCharsets.US_ASCII);
            if (b.length % 2 == 1) {
                byte[] padded = new byte[b.length + 1];
                System.arraycopy(b, 0, padded, 0, b.length);
                padded[b.length] = (byte) (vr.equals("UI") ? 0 : ' ');
                b = padded;
            }
            element(group, elem, vr, b);
        }

        void element(int group, int elem, String vr, byte[] value) throws IOException {
            header(group, elem, vr, value.length);
            out.write(value);
        }

        void header(int group, int elem, String vr, long length) throws IOException {
            out.write(u16(group));
            out.write(u16(elem));
            if (vr == null || !explicit) { // items and implicit VR: 4-byte length, no VR
                out.write(u32(length));
                return;
            }
            out.write(vr.getBytes(StandardCharsets.US_ASCII));
            boolean longVr =
                    switch (vr) {
                        case "OB", "OW", "SQ", "UN", "UT", "OF", "OD", "OL", "UC", "UR" -> true;
                        default -> false;
                    };
            if (longVr) {
                out.write(new byte[2]);
                out.write(u32(length));
            } else {
                out.write(u16((int) length));
            }
        }
    }
}
