package io.pggan.data.dicom;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;

/**
 * A radiograph read from DICOM: display gray values after the modality (rescale), VOI (window) and
 * photometric (MONOCHROME1 inversion) steps, a right hand already mirrored to a left one.
 *
 * @param file the file read
 * @param width columns
 * @param height rows
 * @param gray row-major {@code [width * height]} gray values in 0..255 (not rounded)
 * @param info the header attributes that decided the mapping
 * @param mirrored whether the image was flipped left-right because it shows a right hand
 */
public record DicomImage(
        Path file, int width, int height, float[] gray, DicomInfo info, boolean mirrored) {

    /** The image as 8-bit gray ({@code rint}, clipped to 0..255), e.g. to write a PNG. */
    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (int) Math.max(0, Math.min(255, Math.rint(gray[i])));
        }
        return img;
    }
}
