package io.pggan.latent.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.pggan.latent.AgePredictor;
import io.pggan.latent.LatentGenerator;
import io.pggan.latent.io.NpyWriter;
import io.pggan.latent.loess.Lowess;
import io.pggan.latent.loess.Spearman;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.jcodec.api.awt.AWTSequenceEncoder;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a sequence of latents into an aging video: every frame is generated, labelled with the
 * age predictor and written (streaming, batch by batch) as PNG, H.264 MP4 (JCodec) and a looping
 * GIF; then a CSV of frame, path position, predicted months and their LOWESS trend, the frame
 * latents as {@code .npy}, and a PNG chart of age per frame with the trend.
 *
 * <p>Every output is written to a temporary file in the output folder and renamed into place when
 * complete. Immutable configuration; serialises to JSON.
 */
public final class AgingVideo {
    private static final Logger LOG = LoggerFactory.getLogger(AgingVideo.class);

    private final int fps;
    private final int batchSize;
    private final boolean png;
    private final boolean mp4;
    private final boolean gif;
    private final boolean chart;
    private final int videoMinSide;
    private final Lowess trend;
    private final boolean progress;

    private AgingVideo(Builder b) {
        this.progress = b.progress;
        this.fps = b.fps;
        this.batchSize = b.batchSize;
        this.png = b.png;
        this.mp4 = b.mp4;
        this.gif = b.gif;
        this.chart = b.chart;
        this.videoMinSide = b.videoMinSide;
        this.trend = b.trend;
    }

    public static Builder builder() {
        return new Builder();
    }

    @JsonProperty
    public int fps() {
        return fps;
    }

    @JsonProperty
    public int batchSize() {
        return batchSize;
    }

    @JsonProperty
    public boolean png() {
        return png;
    }

    @JsonProperty
    public boolean mp4() {
        return mp4;
    }

    @JsonProperty
    public boolean gif() {
        return gif;
    }

    @JsonProperty
    public boolean chart() {
        return chart;
    }

    @JsonProperty
    public int videoMinSide() {
        return videoMinSide;
    }

    @JsonProperty
    public Lowess trend() {
        return trend;
    }

    /**
     * What was written.
     *
     * @param months predicted age of every frame
     * @param trend LOWESS of months over frame index
     * @param spearman rank correlation of the trend with the frame index
     * @param csv frame table
     * @param latents frame latents {@code [frames, latentDim]} float32
     * @param framesDir PNG frames (null if disabled)
     * @param mp4 the video (null if disabled)
     * @param gif the animated GIF (null if disabled)
     * @param chart age per frame chart (null if disabled)
     */
    public record Result(
            double[] months,
            double[] trend,
            double spearman,
            Path csv,
            Path latents,
            Path framesDir,
            Path mp4,
            Path gif,
            Path chart) {}

    /**
     * Renders, labels and writes the frames.
     *
     * @param outDir output folder (created)
     * @param frames frame latents, each of the generator's latent size
     * @param position path position of each frame for the CSV (e.g. months along the axis or the
     *     step fraction); null for the frame index
     */
    public Result write(
            Path outDir,
            NDManager manager,
            LatentGenerator generator,
            AgePredictor predictor,
            List<float[]> frames,
            double[] position)
            throws IOException {
        int n = frames.size();
        int dim = generator.latentDim();
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 frames, got " + n);
        }
        for (int i = 0; i < n; i++) {
            if (frames.get(i).length != dim) {
                throw new IllegalArgumentException(
                        "frame "
                                + i
                                + " latent has "
                                + frames.get(i).length
                                + " values but generator '"
                                + generator.modelId()
                                + "' expects latentDim "
                                + dim);
            }
        }
        if (position != null && position.length != n) {
            throw new IllegalArgumentException(position.length + " positions for " + n + " frames");
        }
        Files.createDirectories(outDir);
        Path framesDir = png ? Files.createDirectories(outDir.resolve("frames")) : null;
        Path mp4File = outDir.resolve("aging.mp4");
        Path gifFile = outDir.resolve("aging.gif");
        Path mp4Tmp = mp4 ? Files.createTempFile(outDir, ".aging", ".mp4.part") : null;
        Path gifTmp = gif ? Files.createTempFile(outDir, ".aging", ".gif.part") : null;
        double[] months = new double[n];
        AWTSequenceEncoder encoder = null;
        GifSequence gifWriter = null;
        boolean ok = false;
        try (ProgressBar bar =
                progress
                        ? new ProgressBarBuilder()
                                .setTaskName("Aging frames")
                                .setInitialMax(n)
                                .build()
                        : null) {
            if (mp4) {
                encoder = AWTSequenceEncoder.createSequenceEncoder(mp4Tmp.toFile(), fps);
            }
            if (gif) {
                gifWriter = new GifSequence(gifTmp, Math.max(1, Math.round(100f / fps)));
            }
            for (int from = 0; from < n; from += batchSize) {
                int to = Math.min(n, from + batchSize);
                float[] flat = new float[(to - from) * dim];
                for (int i = from; i < to; i++) {
                    System.arraycopy(frames.get(i), 0, flat, (i - from) * dim, dim);
                }
                try (NDManager step = manager.newSubManager()) {
                    NDArray z = step.create(flat, new Shape(to - from, dim));
                    NDArray images = generator.generate(z);
                    float[] ages = predictor.predictMonths(images);
                    if (ages.length != to - from) {
                        throw new IllegalStateException(
                                "predictor returned "
                                        + ages.length
                                        + " ages for "
                                        + (to - from)
                                        + " images");
                    }
                    BufferedImage[] imgs = Images.fromNd(images);
                    for (int i = from; i < to; i++) {
                        months[i] = ages[i - from];
                        BufferedImage img = imgs[i - from];
                        if (png) {
                            writePng(
                                    img,
                                    framesDir.resolve(
                                            String.format(Locale.ROOT, "frame_%05d.png", i)));
                        }
                        BufferedImage big = Images.forVideo(img, videoMinSide);
                        if (encoder != null) {
                            encoder.encodeImage(big);
                        }
                        if (gifWriter != null) {
                            gifWriter.add(big);
                        }
                    }
                }
                if (bar != null) {
                    bar.stepTo(to);
                }
            }
            if (encoder != null) {
                encoder.finish();
                Files.move(
                        mp4Tmp,
                        mp4File,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            if (gifWriter != null) {
                gifWriter.close();
                gifWriter = null;
                Files.move(
                        gifTmp,
                        gifFile,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            ok = true;
        } finally {
            if (gifWriter != null) {
                gifWriter.close();
            }
            if (!ok) {
                if (mp4Tmp != null) {
                    Files.deleteIfExists(mp4Tmp);
                }
                if (gifTmp != null) {
                    Files.deleteIfExists(gifTmp);
                }
            }
        }
        double[] index = new double[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        double[] smooth = trend.smooth(index, months);
        double rho = Spearman.rho(index, smooth);
        double[] pos = position == null ? index : position;
        Path csv = outDir.resolve("frames.csv");
        writeAtomically(
                csv,
                out -> {
                    Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
                    w.write("frame,position,predicted_months,loess_months\n");
                    for (int i = 0; i < n; i++) {
                        w.write(
                                String.format(
                                        Locale.ROOT,
                                        "%d,%.6f,%.4f,%.4f%n",
                                        i,
                                        pos[i],
                                        months[i],
                                        smooth[i]));
                    }
                    w.flush();
                });
        Path latents = outDir.resolve("frames_latents.npy");
        try (NpyWriter w = NpyWriter.open(latents, NpyWriter.Dtype.FLOAT32, dim)) {
            for (float[] f : frames) {
                w.writeRow(f);
            }
        }
        Path chartFile = null;
        if (chart) {
            chartFile = outDir.resolve("age_per_frame.png");
            writeChart(chartFile, index, months, smooth);
        }
        LOG.info("aging video: {} frames in {}, trend Spearman {}", n, outDir, rho);
        return new Result(
                months,
                smooth,
                rho,
                csv,
                latents,
                framesDir,
                mp4 ? mp4File : null,
                gif ? gifFile : null,
                chartFile);
    }

    private static void writePng(BufferedImage img, Path file) throws IOException {
        writeAtomically(
                file,
                out -> {
                    if (!ImageIO.write(img, "png", out)) {
                        throw new IOException("no PNG writer for " + file);
                    }
                });
    }

    /** Writes a PNG chart of predicted months per frame and their trend. */
    public static void writeChart(Path file, double[] x, double[] months, double[] trend)
            throws IOException {
        XYChart c =
                new XYChartBuilder()
                        .width(900)
                        .height(500)
                        .title("Predicted bone age along the latent path")
                        .xAxisTitle("frame")
                        .yAxisTitle("months")
                        .build();
        XYSeries pts = c.addSeries("predicted", x, months);
        pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        XYSeries line = c.addSeries("LOESS", x, trend);
        line.setMarker(SeriesMarkers.NONE);
        writeAtomically(
                file, out -> BitmapEncoder.saveBitmap(c, out, BitmapEncoder.BitmapFormat.PNG));
    }

    interface Body {
        void write(OutputStream out) throws IOException;
    }

    static void writeAtomically(Path file, Body body) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.write(out);
            }
            Files.move(
                    tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** An animated GIF written frame by frame, looping forever. */
    static final class GifSequence implements AutoCloseable {
        private final ImageWriter writer;
        private final ImageOutputStream out;
        private final int delayCentis;
        private boolean first = true;
        private boolean closed;

        GifSequence(Path file, int delayCentis) throws IOException {
            this.writer = ImageIO.getImageWritersByFormatName("gif").next();
            this.out = ImageIO.createImageOutputStream(file.toFile());
            this.delayCentis = delayCentis;
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
        }

        void add(BufferedImage img) throws IOException {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata meta =
                    writer.getDefaultImageMetadata(
                            ImageTypeSpecifier.createFromRenderedImage(img), param);
            String format = meta.getNativeMetadataFormatName();
            IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
            IIOMetadataNode gce = child(root, "GraphicControlExtension");
            gce.setAttribute("disposalMethod", "none");
            gce.setAttribute("userInputFlag", "FALSE");
            gce.setAttribute("transparentColorFlag", "FALSE");
            gce.setAttribute("delayTime", Integer.toString(delayCentis));
            gce.setAttribute("transparentColorIndex", "0");
            if (first) {
                IIOMetadataNode apps = child(root, "ApplicationExtensions");
                IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
                app.setAttribute("applicationID", "NETSCAPE");
                app.setAttribute("authenticationCode", "2.0");
                app.setUserObject(new byte[] {1, 0, 0}); // loop count 0 = forever
                apps.appendChild(app);
                first = false;
            }
            meta.setFromTree(format, root);
            writer.writeToSequence(new IIOImage(img, null, meta), param);
        }

        private static IIOMetadataNode child(IIOMetadataNode root, String name) {
            for (int i = 0; i < root.getLength(); i++) {
                if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                    return (IIOMetadataNode) root.item(i);
                }
            }
            IIOMetadataNode node = new IIOMetadataNode(name);
            root.appendChild(node);
            return node;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                writer.endWriteSequence();
            } finally {
                out.close();
                writer.dispose();
            }
        }
    }

    /** Builder. */
    public static final class Builder {
        private int fps = 10;
        private int batchSize = 16;
        private boolean png = true;
        private boolean mp4 = true;
        private boolean gif = true;
        private boolean chart = true;
        private int videoMinSide = 256;
        private Lowess trend = Lowess.builder().frac(0.3).iterations(3).build();
        private boolean progress = true;

        private Builder() {}

        /** Show a console progress bar (default true). */
        public Builder progress(boolean v) {
            progress = v;
            return this;
        }

        public Builder fps(int v) {
            fps = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder png(boolean v) {
            png = v;
            return this;
        }

        public Builder mp4(boolean v) {
            mp4 = v;
            return this;
        }

        public Builder gif(boolean v) {
            gif = v;
            return this;
        }

        public Builder chart(boolean v) {
            chart = v;
            return this;
        }

        /** Video frames are upscaled so the shorter side is at least this (default 256). */
        public Builder videoMinSide(int v) {
            videoMinSide = v;
            return this;
        }

        /** Smoother of the per-frame ages (default LOWESS frac 0.3, 3 robustness iterations). */
        public Builder trend(Lowess v) {
            trend = v;
            return this;
        }

        public AgingVideo build() {
            if (fps < 1 || fps > 120) {
                throw new IllegalArgumentException("fps must be in 1..120, got " + fps);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            }
            if (videoMinSide < 16) {
                throw new IllegalArgumentException(
                        "videoMinSide must be >= 16, got " + videoMinSide);
            }
            if (trend == null) {
                throw new IllegalArgumentException("trend must not be null");
            }
            return new AgingVideo(this);
        }
    }
}
