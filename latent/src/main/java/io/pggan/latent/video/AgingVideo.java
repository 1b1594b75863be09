package io.pggan.latent.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.pggan.io.Csv;
import io.pggan.io.NpyArray.Dtype;
import io.pggan.io.NpyWriter;
import io.pggan.latent.loess.Lowess;
import io.pggan.latent.loess.Spearman;
import io.pggan.model.AgePredictor;
import io.pggan.model.LatentGenerator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
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

    /** File names in the output folder: the video as MP4 and as GIF, and the per-frame CSV. */
    public static final String MP4 = FrameSinks.MP4;

    /** The looping GIF. */
    public static final String GIF = FrameSinks.GIF;

    /** Frame, path position, predicted months and their trend. */
    public static final String FRAMES_CSV = "frames.csv";

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
        double[] months = new double[n];
        try (FrameSinks sinks = new FrameSinks(outDir, png, mp4, gif, fps, videoMinSide);
                ProgressBar bar =
                        progress
                                ? new ProgressBarBuilder()
                                        .setTaskName("Aging frames")
                                        .setInitialMax(n)
                                        .build()
                                : null) {
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
                        sinks.add(i, imgs[i - from]);
                    }
                }
                if (bar != null) {
                    bar.stepTo(to);
                }
            }
            sinks.commit();
        }
        double[] index = new double[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        double[] smooth = trend.smooth(index, months);
        double rho = Spearman.rho(index, smooth);
        double[] pos = position == null ? index : position;
        Path csv = outDir.resolve(FRAMES_CSV);
        Csv.Table table = Csv.table("frame", "position", "predicted_months", "loess_months");
        for (int i = 0; i < n; i++) {
            table.row(
                    i,
                    String.format(Locale.ROOT, "%.6f", pos[i]),
                    String.format(Locale.ROOT, "%.4f", months[i]),
                    String.format(Locale.ROOT, "%.4f", smooth[i]));
        }
        table.write(csv);
        Path latents = outDir.resolve("frames_latents.npy");
        try (NpyWriter w = NpyWriter.open(latents, Dtype.FLOAT32, dim)) {
            for (float[] f : frames) {
                w.writeRow(f);
            }
        }
        Path chartFile = null;
        if (chart) {
            chartFile = outDir.resolve("age_per_frame.png");
            AgeChart.write(chartFile, index, months, smooth);
        }
        LOG.info("aging video: {} frames in {}, trend Spearman {}", n, outDir, rho);
        return new Result(
                months,
                smooth,
                rho,
                csv,
                latents,
                png ? outDir.resolve(FrameSinks.FRAMES) : null,
                mp4 ? outDir.resolve(FrameSinks.MP4) : null,
                gif ? outDir.resolve(FrameSinks.GIF) : null,
                chartFile);
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
