package io.pggan.data.dicom;

/**
 * The attributes of a DICOM file that decide how its pixels become a radiograph, read from the top
 * level of its data set (values inside sequences are not looked at).
 *
 * @param transferSyntax the file's transfer syntax (always a decodable one here)
 * @param modality Modality (0008,0060), e.g. "DX", "CR"; empty when absent
 * @param photometric Photometric Interpretation (0028,0004): MONOCHROME1, MONOCHROME2 or RGB
 * @param rows Rows (0028,0010)
 * @param columns Columns (0028,0011)
 * @param samplesPerPixel Samples per Pixel (0028,0002): 1, or 3 for RGB
 * @param frames Number of Frames (0028,0008), 1 when absent; only the first is read
 * @param bitsAllocated Bits Allocated (0028,0100): 8 or 16
 * @param bitsStored Bits Stored (0028,0101), e.g. 12 of 16
 * @param highBit High Bit (0028,0102)
 * @param signed Pixel Representation (0028,0103) is 1 (two's complement)
 * @param rescaleSlope Rescale Slope (0028,1053), 1 when absent
 * @param rescaleIntercept Rescale Intercept (0028,1052), 0 when absent
 * @param windowCenter the first Window Center (0028,1050), NaN when absent
 * @param windowWidth the first Window Width (0028,1051), NaN when absent
 * @param voiLutFunction VOI LUT Function (0028,1056): LINEAR (default), LINEAR_EXACT or SIGMOID
 * @param laterality Laterality (0020,0060) of the series, empty when absent
 * @param imageLaterality Image Laterality (0020,0062), empty when absent
 * @param pixelOffset byte offset of the pixel data in the file
 * @param pixelLength length of the Pixel Data (7FE0,0010) element in bytes
 */
public record DicomInfo(
        TransferSyntax transferSyntax,
        String modality,
        String photometric,
        int rows,
        int columns,
        int samplesPerPixel,
        int frames,
        int bitsAllocated,
        int bitsStored,
        int highBit,
        boolean signed,
        double rescaleSlope,
        double rescaleIntercept,
        double windowCenter,
        double windowWidth,
        String voiLutFunction,
        String laterality,
        String imageLaterality,
        long pixelOffset,
        long pixelLength) {

    /** Photometric interpretation in which the lowest value is white (the image is inverted). */
    public static final String MONOCHROME1 = "MONOCHROME1";

    /** Photometric interpretation in which the lowest value is black. */
    public static final String MONOCHROME2 = "MONOCHROME2";

    /** Whether a window (center and width) is present. */
    public boolean hasWindow() {
        return !Double.isNaN(windowCenter) && !Double.isNaN(windowWidth);
    }

    /** Bytes of one frame of pixel data. */
    public long frameBytes() {
        return (long) rows * columns * samplesPerPixel * (bitsAllocated / 8);
    }

    /**
     * The side of the body the image shows: Image Laterality (0020,0062) where present (it
     * describes this image), else Laterality (0020,0060); "R", "L", "U" (unpaired), "B" (both) or
     * empty when neither tag says.
     */
    public String side() {
        return imageLaterality.isEmpty() ? laterality : imageLaterality;
    }

    /** The tag {@link #side()} comes from, for log lines. */
    public String sideTag() {
        return imageLaterality.isEmpty()
                ? "Laterality (0020,0060)"
                : "Image Laterality (0020,0062)";
    }
}
