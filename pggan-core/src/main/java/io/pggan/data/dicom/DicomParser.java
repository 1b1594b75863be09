package io.pggan.data.dicom;

import io.pggan.data.DataException;
import io.pggan.data.Preprocessing;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Walks a DICOM Part 10 file (PS3.10 preamble, file meta group, data set) up to its Pixel Data
 * element, decoding only the attributes {@link DicomInfo} holds and skipping everything else by
 * position. The file is untrusted: every length is checked against the bytes left before anything
 * is read or allocated, strings are capped, sequences are skipped with a depth limit, and the image
 * size is checked before the pixels are decoded.
 */
final class DicomParser {
    private static final int PREAMBLE = 128;

    private static final int TRANSFER_SYNTAX = 0x00020010;
    private static final int MODALITY = 0x00080060;
    private static final int LATERALITY = 0x00200060;
    private static final int IMAGE_LATERALITY = 0x00200062;
    private static final int SAMPLES_PER_PIXEL = 0x00280002;
    private static final int PHOTOMETRIC = 0x00280004;
    private static final int PLANAR_CONFIGURATION = 0x00280006;
    private static final int NUMBER_OF_FRAMES = 0x00280008;
    private static final int ROWS = 0x00280010;
    private static final int COLUMNS = 0x00280011;
    private static final int BITS_ALLOCATED = 0x00280100;
    private static final int BITS_STORED = 0x00280101;
    private static final int HIGH_BIT = 0x00280102;
    private static final int PIXEL_REPRESENTATION = 0x00280103;
    private static final int WINDOW_CENTER = 0x00281050;
    private static final int WINDOW_WIDTH = 0x00281051;
    private static final int RESCALE_INTERCEPT = 0x00281052;
    private static final int RESCALE_SLOPE = 0x00281053;
    private static final int VOI_LUT_FUNCTION = 0x00281056;
    private static final int PIXEL_DATA = 0x7FE00010;

    private final DicomElementReader in;

    // decoded attributes
    private String syntaxUid;
    private String modality = "";
    private String photometric;
    private String laterality = "";
    private String imageLaterality = "";
    private String voiLutFunction = "LINEAR";
    private long rows = -1;
    private long columns = -1;
    private long samplesPerPixel = 1;
    private long planarConfiguration = 0;
    private long frames = 1;
    private long bitsAllocated = -1;
    private long bitsStored = -1;
    private long highBit = -1;
    private long pixelRepresentation = 0;
    private double slope = 1;
    private double intercept = 0;
    private double windowCenter = Double.NaN;
    private double windowWidth = Double.NaN;
    private long pixelOffset = -1;
    private long pixelLength = -1;

    private DicomParser(Path file, FileChannel channel) throws IOException {
        this.in = new DicomElementReader(file, channel);
    }

    /**
     * Reads the header of {@code file}.
     *
     * @throws DataException naming the file for anything that is not a decodable, complete,
     *     single-image grayscale (or RGB) DICOM file of a sane size
     */
    static DicomInfo parse(Path file, FileChannel channel) throws IOException {
        DicomParser p = new DicomParser(file, channel);
        p.readPreamble();
        p.readMetaGroup();
        p.readDataSet();
        return p.validate();
    }

    private DataException error(String message) {
        return in.error(message);
    }

    private void readPreamble() throws IOException {
        if (in.size() < PREAMBLE + 4) {
            throw error(
                    "not a DICOM file: "
                            + in.size()
                            + " bytes, too short for the 128-byte preamble and the 'DICM' marker");
        }
        in.seek(PREAMBLE);
        byte[] magic = in.bytes(4, "the 'DICM' marker");
        if (!"DICM".equals(new String(magic, StandardCharsets.US_ASCII))) {
            throw error(
                    "not a DICOM file: no 'DICM' marker at byte 128 (DICOM Part 10 files start"
                            + " with a 128-byte preamble and 'DICM')");
        }
    }

    /** File meta elements (group 0002) are always explicit VR little endian. */
    private void readMetaGroup() throws IOException {
        while (in.size() - in.position() >= 2 && in.peekGroupLittleEndian() == 0x0002) {
            DicomElementReader.Element e = in.element();
            if (e.length() == DicomElementReader.UNDEFINED) {
                throw error(
                        "file meta element "
                                + DicomElementReader.tag(e.tag())
                                + " has an undefined length");
            }
            if (e.tag() == TRANSFER_SYNTAX) {
                syntaxUid = in.string(e, "Transfer Syntax UID (0002,0010)");
            } else {
                in.skip(e.length(), DicomElementReader.tag(e.tag()));
            }
        }
        if (syntaxUid == null || syntaxUid.isEmpty()) {
            throw error("no Transfer Syntax UID (0002,0010) in the file meta information");
        }
        TransferSyntax syntax = TransferSyntax.of(syntaxUid);
        if (syntax == null || !syntax.decodable()) {
            throw error(
                    "transfer syntax "
                            + TransferSyntax.describe(syntaxUid)
                            + " cannot be decoded: ImageJ, the DICOM decoder used here, reads"
                            + " only uncompressed DICOM (Implicit or Explicit VR Little Endian,"
                            + " Explicit VR Big Endian). Convert the file first, e.g. with"
                            + " dcmtk's 'dcmdjpeg in.dcm out.dcm' or gdcm's"
                            + " 'gdcmconv --raw in.dcm out.dcm'");
        }
        in.syntax(syntax.littleEndian(), syntax.explicitVr());
    }

    private void readDataSet() throws IOException {
        while (in.position() < in.size()) {
            DicomElementReader.Element e = in.element();
            if (e.tag() == PIXEL_DATA) {
                if (e.length() == DicomElementReader.UNDEFINED) {
                    throw error(
                            "Pixel Data (7FE0,0010) is encapsulated (compressed fragments), which"
                                    + " transfer syntax "
                                    + TransferSyntax.describe(syntaxUid)
                                    + " does not allow");
                }
                if (e.length() > in.size() - in.position()) {
                    throw error(
                            "truncated: Pixel Data (7FE0,0010) announces "
                                    + e.length()
                                    + " bytes at byte "
                                    + in.position()
                                    + " but the file ends "
                                    + (in.size() - in.position())
                                    + " bytes later");
                }
                pixelOffset = in.position();
                pixelLength = e.length();
                return;
            }
            if (e.length() == DicomElementReader.UNDEFINED) {
                in.skipUndefined(e, 1);
                continue;
            }
            switch (e.tag()) {
                case MODALITY -> modality = in.string(e, "Modality (0008,0060)");
                case LATERALITY -> laterality = in.string(e, "Laterality (0020,0060)");
                case IMAGE_LATERALITY ->
                        imageLaterality = in.string(e, "Image Laterality (0020,0062)");
                case PHOTOMETRIC ->
                        photometric = in.string(e, "Photometric Interpretation (0028,0004)");
                case VOI_LUT_FUNCTION ->
                        voiLutFunction = in.string(e, "VOI LUT Function (0028,1056)");
                case SAMPLES_PER_PIXEL -> samplesPerPixel = in.unsigned(e, "Samples per Pixel");
                case PLANAR_CONFIGURATION ->
                        planarConfiguration = in.unsigned(e, "Planar Configuration");
                case ROWS -> rows = in.unsigned(e, "Rows (0028,0010)");
                case COLUMNS -> columns = in.unsigned(e, "Columns (0028,0011)");
                case BITS_ALLOCATED -> bitsAllocated = in.unsigned(e, "Bits Allocated (0028,0100)");
                case BITS_STORED -> bitsStored = in.unsigned(e, "Bits Stored (0028,0101)");
                case HIGH_BIT -> highBit = in.unsigned(e, "High Bit (0028,0102)");
                case PIXEL_REPRESENTATION ->
                        pixelRepresentation = in.unsigned(e, "Pixel Representation (0028,0103)");
                case NUMBER_OF_FRAMES ->
                        frames = (long) in.number(e, "Number of Frames (0028,0008)", true);
                case WINDOW_CENTER ->
                        windowCenter = in.number(e, "Window Center (0028,1050)", false);
                case WINDOW_WIDTH -> windowWidth = in.number(e, "Window Width (0028,1051)", false);
                case RESCALE_INTERCEPT ->
                        intercept = in.number(e, "Rescale Intercept (0028,1052)", false);
                case RESCALE_SLOPE -> slope = in.number(e, "Rescale Slope (0028,1053)", false);
                default -> in.skip(e.length(), DicomElementReader.tag(e.tag()));
            }
        }
        throw error("no Pixel Data (7FE0,0010) element: the file holds no image");
    }

    private DicomInfo validate() {
        if (rows < 0 || columns < 0) {
            throw error("no " + (rows < 0 ? "Rows (0028,0010)" : "Columns (0028,0011)"));
        }
        int max = Preprocessing.MAX_SOURCE_SIDE;
        if (rows > max || columns > max) {
            throw error(
                    "header announces "
                            + columns
                            + " x "
                            + rows
                            + " pixels, larger than the maximum "
                            + max
                            + " per side; refused before decoding");
        }
        if (rows == 0 || columns == 0) {
            throw error("header announces an empty image (" + columns + " x " + rows + ")");
        }
        if (photometric == null) {
            throw error("no Photometric Interpretation (0028,0004)");
        }
        boolean rgb = photometric.equals("RGB");
        if (!(photometric.equals(DicomInfo.MONOCHROME1)
                || photometric.equals(DicomInfo.MONOCHROME2)
                || rgb)) {
            throw error(
                    "Photometric Interpretation '"
                            + photometric
                            + "' is not supported (MONOCHROME1, MONOCHROME2 or RGB)");
        }
        if (samplesPerPixel != (rgb ? 3 : 1)) {
            throw error(
                    "Samples per Pixel is "
                            + samplesPerPixel
                            + " but Photometric Interpretation "
                            + photometric
                            + " needs "
                            + (rgb ? 3 : 1));
        }
        if (rgb && planarConfiguration != 0) {
            throw error("RGB with Planar Configuration 1 (colour-by-plane) is not supported");
        }
        if (bitsAllocated != 8 && bitsAllocated != 16) {
            throw error(
                    "Bits Allocated (0028,0100) is "
                            + bitsAllocated
                            + "; 8 or 16 are supported ("
                            + (bitsAllocated < 0 ? "absent" : "radiographs use 8 or 16")
                            + ")");
        }
        if (rgb && bitsAllocated != 8) {
            throw error("RGB needs 8 Bits Allocated, got " + bitsAllocated);
        }
        if (bitsStored < 0) {
            bitsStored = bitsAllocated;
        }
        if (highBit < 0) {
            highBit = bitsStored - 1;
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw error(
                    "Bits Stored (0028,0101) is "
                            + bitsStored
                            + ", outside 1.."
                            + bitsAllocated
                            + " (Bits Allocated)");
        }
        if (highBit < bitsStored - 1 || highBit >= bitsAllocated) {
            throw error(
                    "High Bit (0028,0102) is "
                            + highBit
                            + ", outside "
                            + (bitsStored - 1)
                            + ".."
                            + (bitsAllocated - 1)
                            + " for "
                            + bitsStored
                            + " bits stored in "
                            + bitsAllocated);
        }
        if (pixelRepresentation != 0 && pixelRepresentation != 1) {
            throw error("Pixel Representation (0028,0103) is " + pixelRepresentation + ", not 0/1");
        }
        if (frames < 1) {
            throw error("Number of Frames (0028,0008) is " + frames + ", below 1");
        }
        if (!Double.isFinite(slope) || slope == 0 || !Double.isFinite(intercept)) {
            throw error(
                    "Rescale Slope/Intercept "
                            + slope
                            + "/"
                            + intercept
                            + " is not a usable linear map (slope must be finite and non-zero)");
        }
        DicomInfo info =
                new DicomInfo(
                        TransferSyntax.of(syntaxUid),
                        modality,
                        photometric,
                        (int) rows,
                        (int) columns,
                        (int) samplesPerPixel,
                        (int) Math.min(frames, Integer.MAX_VALUE),
                        (int) bitsAllocated,
                        (int) bitsStored,
                        (int) highBit,
                        pixelRepresentation == 1,
                        slope,
                        intercept,
                        windowCenter,
                        windowWidth,
                        voiLutFunction.isEmpty() ? "LINEAR" : voiLutFunction,
                        laterality,
                        imageLaterality,
                        pixelOffset,
                        pixelLength);
        long needed = info.frameBytes() * frames;
        if (pixelLength < needed) {
            throw error(
                    "Pixel Data (7FE0,0010) holds "
                            + pixelLength
                            + " bytes, but "
                            + frames
                            + " frame(s) of "
                            + columns
                            + " x "
                            + rows
                            + " x "
                            + samplesPerPixel
                            + " samples at "
                            + bitsAllocated
                            + " bits need "
                            + needed);
        }
        return info;
    }
}
