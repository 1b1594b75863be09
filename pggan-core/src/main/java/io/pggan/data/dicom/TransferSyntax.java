package io.pggan.data.dicom;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The DICOM transfer syntaxes (PS3.5 Annex A and PS3.6 Table A-1) this reader recognises: the three
 * uncompressed ones it decodes, and the compressed or deflated ones it names in its error.
 */
public enum TransferSyntax {
    /** 1.2.840.10008.1.2, the DICOM default. */
    IMPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2", "Implicit VR Little Endian", true, true, false),
    /** 1.2.840.10008.1.2.1. */
    EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, true, true),
    /** 1.2.840.10008.1.2.2 (retired, still found in old archives). */
    EXPLICIT_VR_BIG_ENDIAN("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, false, true),
    /** 1.2.840.10008.1.2.1.99. */
    DEFLATED("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", false, true, true),
    /** 1.2.840.10008.1.2.4.50. */
    JPEG_BASELINE("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"),
    /** 1.2.840.10008.1.2.4.51. */
    JPEG_EXTENDED("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"),
    /** 1.2.840.10008.1.2.4.57. */
    JPEG_LOSSLESS("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)"),
    /** 1.2.840.10008.1.2.4.70, the usual lossless JPEG of radiographs. */
    JPEG_LOSSLESS_SV1(
            "1.2.840.10008.1.2.4.70",
            "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, SV1)"),
    /** 1.2.840.10008.1.2.4.80. */
    JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
    /** 1.2.840.10008.1.2.4.81. */
    JPEG_LS_NEAR_LOSSLESS("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)"),
    /** 1.2.840.10008.1.2.4.90. */
    JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)"),
    /** 1.2.840.10008.1.2.4.91. */
    JPEG_2000("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression"),
    /** 1.2.840.10008.1.2.4.201. */
    HTJ2K_LOSSLESS("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)"),
    /** 1.2.840.10008.1.2.4.203. */
    HTJ2K("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000"),
    /** 1.2.840.10008.1.2.5. */
    RLE_LOSSLESS("1.2.840.10008.1.2.5", "RLE Lossless");

    private static final Map<String, TransferSyntax> BY_UID =
            Stream.of(values()).collect(Collectors.toMap(t -> t.uid, Function.identity()));

    private final String uid;
    private final String title;
    private final boolean decodable;
    private final boolean littleEndian;
    private final boolean explicitVr;

    TransferSyntax(String uid, String title) {
        this(uid, title, false, true, true);
    }

    TransferSyntax(
            String uid, String title, boolean decodable, boolean littleEndian, boolean explicitVr) {
        this.uid = uid;
        this.title = title;
        this.decodable = decodable;
        this.littleEndian = littleEndian;
        this.explicitVr = explicitVr;
    }

    /** The UID, e.g. {@code 1.2.840.10008.1.2.1}. */
    public String uid() {
        return uid;
    }

    /** The standard's name, e.g. "Explicit VR Little Endian". */
    public String title() {
        return title;
    }

    /** Whether the pixel data is stored uncompressed (the only kind this reader decodes). */
    public boolean decodable() {
        return decodable;
    }

    /** Byte order of the data set. */
    public boolean littleEndian() {
        return littleEndian;
    }

    /** Whether elements carry their value representation. */
    public boolean explicitVr() {
        return explicitVr;
    }

    /**
     * The syntax with this UID, or null for a UID this reader does not know (e.g. the MPEG ones).
     */
    public static TransferSyntax of(String uid) {
        return BY_UID.get(uid);
    }

    /** "uid (title)" for messages; "uid (unknown transfer syntax)" for unknown UIDs. */
    public static String describe(String uid) {
        TransferSyntax t = of(uid);
        return uid + " (" + (t == null ? "unknown transfer syntax" : t.title) + ")";
    }
}
