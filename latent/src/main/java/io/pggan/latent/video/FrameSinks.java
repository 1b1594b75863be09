package io.pggan.latent.video;

import io.pggan.io.AtomicFiles;
import io.pggan.io.ImagePng;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jcodec.api.awt.AWTSequenceEncoder;

/**
 * Where an aging video's frames go as they are made: PNG files, an H.264 MP4 (JCodec) and a looping
 * GIF. The MP4 and the GIF grow in temporary files next to their targets and are renamed into place
 * by {@link #commit()}; closing without a commit deletes them.
 */
final class FrameSinks implements AutoCloseable {
    static final String FRAMES = "frames";
    static final String MP4 = "aging.mp4";
    static final String GIF = "aging.gif";

    private final Path outDir;
    private final Path framesDir;
    private final int videoMinSide;
    private Path mp4Temp;
    private Path gifTemp;
    private AWTSequenceEncoder encoder;
    private GifSequence gifWriter;
    private boolean committed;

    FrameSinks(Path outDir, boolean png, boolean mp4, boolean gif, int fps, int videoMinSide)
            throws IOException {
        this.outDir = outDir;
        this.videoMinSide = videoMinSide;
        this.framesDir = png ? Files.createDirectories(outDir.resolve(FRAMES)) : null;
        try {
            if (mp4) {
                mp4Temp = AtomicFiles.tempSibling(outDir.resolve(MP4));
                encoder = AWTSequenceEncoder.createSequenceEncoder(mp4Temp.toFile(), fps);
            }
            if (gif) {
                gifTemp = AtomicFiles.tempSibling(outDir.resolve(GIF));
                gifWriter = new GifSequence(gifTemp, Math.max(1, Math.round(100f / fps)));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Adds frame {@code index}. */
    void add(int index, BufferedImage img) throws IOException {
        if (framesDir != null) {
            ImagePng.write(
                    framesDir.resolve(String.format(Locale.ROOT, "frame_%05d.png", index)), img);
        }
        if (encoder == null && gifWriter == null) {
            return;
        }
        BufferedImage big = Images.forVideo(img, videoMinSide);
        if (encoder != null) {
            encoder.encodeImage(big);
        }
        if (gifWriter != null) {
            gifWriter.add(big);
        }
    }

    /** Finishes the video files and moves them into place. */
    void commit() throws IOException {
        if (encoder != null) {
            encoder.finish();
            AtomicFiles.moveAtomically(mp4Temp, outDir.resolve(MP4));
        }
        if (gifWriter != null) {
            gifWriter.close();
            AtomicFiles.moveAtomically(gifTemp, outDir.resolve(GIF));
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        try {
            if (gifWriter != null) {
                gifWriter.close();
            }
        } finally {
            if (!committed) {
                AtomicFiles.deleteQuietly(mp4Temp);
                AtomicFiles.deleteQuietly(gifTemp);
            }
        }
    }
}
