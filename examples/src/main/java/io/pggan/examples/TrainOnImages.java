package io.pggan.examples;

import ai.djl.ndarray.NDArray;
import io.pggan.data.ImageSource;
import io.pggan.data.folder.ImageFolder;
import io.pggan.data.idx.IdxImages;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.engine.PgganEngine;
import io.pggan.examples.study.report.Charts;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.training.BestGsSnapshot;
import io.pggan.gan.training.GsAverage;
import io.pggan.gan.training.SpeedProbe;
import io.pggan.gan.training.TrainingListener;
import io.pggan.gan.training.TrainingProgress;
import io.pggan.gan.training.TrainingSchedule;
import io.pggan.io.AtomicFiles;
import io.pggan.io.Csv;
import io.pggan.io.ImageGrid;
import io.pggan.io.Json;
import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.swd.SlicedWasserstein;
import io.pggan.metrics.swd.SwdResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the progressive GAN on any image set, a folder of PNG/JPEG files or an IDX file such as
 * Fashion-MNIST's, with defaults for small data on a CPU, and tracks the sliced Wasserstein
 * distance against a held-out part of the set.
 *
 * <pre>
 * TrainOnImages &lt;folder|images.idx[.gz]&gt; &lt;out&gt; [resolution=32] [minutes=10] [--option=value ...]
 * mvn -q -pl examples exec:java -Dexec.mainClass=io.pggan.examples.TrainOnImages \
 *     -Dexec.args="/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz runs/fashion"
 * </pre>
 *
 * <p>What it does: the last {@code --holdout} images (default 10 %, at most 2,000) are held out;
 * the rest go into a multi-resolution store ({@code <out>/store}). A few timed iterations at each
 * resolution size the schedule so that training takes about {@code minutes}: equal kimg for every
 * stable phase and fade-in, and {@code --final-fraction} (0.5) of the time for the final stable
 * phase. The moving average Gs uses a half-life with ramp-up (10 kimg, at most 5 % of the images
 * shown so far), which suits a run of any length. Once per early phase and {@code --evals} (6)
 * times in the final stable phase, Gs renders {@code --track} (1,024) fixed latents, and their SWD
 * against as many held-out images goes to {@code <out>/swd.csv} and {@code swd.png} with the
 * real-vs-real line (held-out against as many training images), a grid to {@code <out>/progress/},
 * and the best final-resolution Gs by SWD is kept ({@code <out>/best-gs.json}). At the end: {@code
 * samples-last.png}, {@code samples-best.png}, {@code reals.png}, and {@code summary.json} with the
 * SWD of the last and the best Gs on every held-out image against the real-vs-real value of the
 * same size. Run the same command again to resume (the schedule is read back from {@code
 * <out>/config.json}).
 *
 * <p>Options: {@code --latent} (64), {@code --fmap-max} (64), {@code --minibatch} (16), {@code
 * --lr} (0.001), {@code --gs-half-life} (10), {@code --gs-rampup} (0.05), {@code --final-fraction}
 * (0.5), {@code --holdout}, {@code --track}, {@code --limit} (use the first N images), {@code
 * --seed} (2018), {@code --evals} (6), {@code --start} (4: the first resolution), {@code
 * --phase-kimg} and {@code --final-kimg} (a fixed schedule instead of one sized for the minutes).
 */
public final class TrainOnImages {
    private static final Logger LOG = LoggerFactory.getLogger(TrainOnImages.class);

    private TrainOnImages() {}

    /** Parsed options. */
    record Options(
            Path input,
            Path out,
            int resolution,
            double minutes,
            int latent,
            int fmapMax,
            int minibatch,
            double lr,
            double gsHalfLife,
            double gsRampup,
            double finalFraction,
            int holdout,
            int track,
            int limit,
            long seed,
            int evals,
            int start,
            double phaseKimg,
            double finalKimg) {

        static Options parse(String... args) {
            List<String> pos = new ArrayList<>();
            Map<String, String> opt = new LinkedHashMap<>();
            for (String a : args) {
                if (a.startsWith("--")) {
                    int eq = a.indexOf('=');
                    if (eq < 0) {
                        throw new IllegalArgumentException("options are --name=value, got " + a);
                    }
                    opt.put(a.substring(2, eq), a.substring(eq + 1));
                } else {
                    pos.add(a);
                }
            }
            if (pos.size() < 2 || pos.size() > 4) {
                throw new IllegalArgumentException(
                        "usage: TrainOnImages <folder|images.idx[.gz]> <out> [resolution]"
                                + " [minutes] [--option=value ...]");
            }
            Options o =
                    new Options(
                            Path.of(pos.get(0)),
                            Path.of(pos.get(1)),
                            pos.size() > 2 ? Integer.parseInt(pos.get(2)) : 32,
                            pos.size() > 3 ? Double.parseDouble(pos.get(3)) : 10,
                            intOpt(opt, "latent", 64),
                            intOpt(opt, "fmap-max", 64),
                            intOpt(opt, "minibatch", 16),
                            doubleOpt(opt, "lr", 0.001),
                            doubleOpt(opt, "gs-half-life", 10),
                            doubleOpt(opt, "gs-rampup", 0.05),
                            doubleOpt(opt, "final-fraction", 0.5),
                            intOpt(opt, "holdout", 0),
                            intOpt(opt, "track", 1024),
                            intOpt(opt, "limit", Integer.MAX_VALUE),
                            intOpt(opt, "seed", 2018),
                            intOpt(opt, "evals", 6),
                            intOpt(opt, "start", 4),
                            doubleOpt(opt, "phase-kimg", 0),
                            doubleOpt(opt, "final-kimg", 0));
            if (!opt.isEmpty()) {
                throw new IllegalArgumentException(
                        "unknown option --" + opt.keySet().iterator().next());
            }
            if (!(o.minutes > 0) || !(o.finalFraction > 0 && o.finalFraction < 1) || o.evals < 1) {
                throw new IllegalArgumentException(
                        "minutes must be > 0, --final-fraction in (0, 1), --evals >= 1");
            }
            if ((o.phaseKimg > 0) != (o.finalKimg > 0)) {
                throw new IllegalArgumentException(
                        "--phase-kimg and --final-kimg go together (a fixed schedule instead of"
                                + " one sized for the minutes)");
            }
            if (o.start < 4 || Integer.bitCount(o.start) != 1) {
                throw new IllegalArgumentException(
                        "--start must be a power of two from 4, got " + o.start);
            }
            return o;
        }

        private static int intOpt(Map<String, String> opt, String name, int def) {
            String v = opt.remove(name);
            try {
                return v == null ? def : Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "--" + name + " expects a whole number, got " + v);
            }
        }

        private static double doubleOpt(Map<String, String> opt, String name, double def) {
            String v = opt.remove(name);
            try {
                return v == null ? def : Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " expects a number, got " + v);
            }
        }
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        run(o);
    }

    /** The images of a folder or an IDX file at the resolution. */
    static ImageSource open(Path input, int resolution, int limit) {
        if (Files.isDirectory(input)) {
            ImageFolder f = ImageFolder.builder().folder(input).resolution(resolution).build();
            return limit < f.size() ? slice(f, 0, limit) : f;
        }
        return IdxImages.read(input, resolution, limit, IdxImages.DEFAULT_MAX_BYTES);
    }

    /** Images {@code from .. to - 1} of a source. */
    static ImageSource slice(ImageSource s, int from, int to) {
        return new ImageSource() {
            @Override
            public int size() {
                return to - from;
            }

            @Override
            public int resolution() {
                return s.resolution();
            }

            @Override
            public float[] load(int index) {
                return s.load(from + index);
            }

            @Override
            public String describe(int index) {
                return s.describe(from + index);
            }
        };
    }

    static Uint8Images bytes(ImageSource s, int from, int n) {
        int r = s.resolution();
        byte[] b = new byte[n * r * r];
        for (int i = 0; i < n; i++) {
            float[] img = s.load(from + i);
            for (int j = 0; j < img.length; j++) {
                b[i * r * r + j] = (byte) io.pggan.io.ImagePng.toByte(img[j]);
            }
        }
        return Uint8Images.of(b, n, 1, r, r);
    }

    /** Trains (or resumes) and writes everything into {@code o.out}. */
    static Map<String, Object> run(Options o) throws IOException {
        PgganEngine.start();
        Path out = o.out.toAbsolutePath();
        Files.createDirectories(out);
        ImageSource all = open(o.input, o.resolution, o.limit);
        int res = all.resolution();
        int holdout =
                o.holdout > 0 ? o.holdout : Math.max(2, Math.min(2000, all.size() / 10) / 2 * 2);
        if (holdout >= all.size()) {
            throw new IllegalArgumentException(
                    o.input + " has " + all.size() + " images: too few to hold out " + holdout);
        }
        int nTrain = all.size() - holdout;
        ImageSource train = slice(all, 0, nTrain);
        Uint8Images heldOut = bytes(all, nTrain, holdout);
        int refCount = Math.min(holdout, nTrain);
        Uint8Images trainRef = bytes(all, 0, refCount);
        LOG.info(
                "{}: {} images at {}x{}, {} for training, {} held out",
                o.input,
                all.size(),
                res,
                res,
                nTrain,
                holdout);

        PgganConfig config = config(o, out, res);
        SlicedWasserstein swd = SlicedWasserstein.pggan();
        // Tracking uses `track` images (SWD of 2,000 images takes ~20 s); the end, every one.
        int track = Math.max(2, Math.min(o.track, refCount));
        Uint8Images trackReals = heldOut.slice(0, track);
        double realVsReal = swd.compute(trackReals, trainRef.slice(0, track), o.seed).average();
        LOG.info(
                "SWD x1e3 (avg) of {} held-out vs {} training images: {}",
                track,
                track,
                f(realVsReal));
        List<double[]> curve = readCurve(out.resolve("swd.csv"));
        long t0 = System.nanoTime();
        try (MultiResolutionStore store = store(train, out.resolve("store"));
                Pggan gan = Pggan.builder().config(config).runDirectory(out).build()) {
            int show = Math.min(64, refCount);
            ImageGrid.write(
                    out.resolve("reals.png"),
                    trainRef.slice(0, show).toSignedFloats(),
                    show,
                    1,
                    res,
                    res,
                    8);
            BestGsSnapshot best =
                    new BestGsSnapshot(
                            gan.state(), out, "swd_x1e3_avg", BestGsSnapshot.Goal.MINIMIZE);
            double[] trackingSeconds = {0};
            TrainingSchedule sched = config.schedule();
            double finalStart = sched.totalKimg() - finalKimg(config);
            double everyFinal = finalKimg(config) / o.evals;
            TrainingListener tracker =
                    new TrainingListener() {
                        double next = curve.isEmpty() ? 0 : after(curve.get(curve.size() - 1)[0]);

                        /**
                         * The next evaluation: each early phase's start, then evenly at the end.
                         */
                        double after(double kimg) {
                            if (kimg + 1e-9 >= finalStart) {
                                return kimg + everyFinal;
                            }
                            double phase = sched.stabilizeKimg();
                            return Math.min(
                                    finalStart, (Math.floor(kimg / phase + 1e-9) + 1) * phase);
                        }

                        @Override
                        public void onIteration(TrainingProgress p) {
                            if (p.kimg() + 1e-9 >= next) {
                                track(p);
                            }
                        }

                        @Override
                        public void onEnd(TrainingProgress p) {
                            if (curve.isEmpty()
                                    || curve.get(curve.size() - 1)[0] < p.kimg() - 1e-9) {
                                track(p);
                            }
                        }

                        void track(TrainingProgress p) {
                            long t = System.nanoTime();
                            next = after(p.kimg());
                            double v = swdOf(gan, trackReals, swd, o.seed, p.resolution(), res);
                            curve.add(new double[] {p.kimg(), v, p.resolution()});
                            LOG.info(
                                    "{} kimg ({} px {}): SWD x1e3 {} (real vs real {})",
                                    f(p.kimg()),
                                    p.resolution(),
                                    p.phase(),
                                    f(v),
                                    f(realVsReal));
                            best.offer(p, v);
                            writeCurve(out, curve, realVsReal);
                            try (NDArray g = gan.generate(64, o.seed + 1)) {
                                ImageGrid.write(
                                        out.resolve("progress")
                                                .resolve(
                                                        String.format(
                                                                Locale.ROOT,
                                                                "k%07d_r%03d.png",
                                                                Math.round(p.kimg() * 1000),
                                                                p.resolution())),
                                        g.clip(-1f, 1f),
                                        8);
                            }
                            trackingSeconds[0] += (System.nanoTime() - t) / 1e9;
                        }
                    };
            gan.train(store, tracker);
            gan.save(out.resolve("generator.zip"));
            try (NDArray g = gan.generate(64, o.seed + 1)) {
                ImageGrid.write(out.resolve("samples-last.png"), g.clip(-1f, 1f), 8);
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("input", o.input.toString());
            summary.put("images", all.size());
            summary.put("heldOut", holdout);
            summary.put("trackedSample", track);
            summary.put("resolution", res);
            summary.put("kimg", gan.counters().nimg() / 1000.0);
            summary.put("trainingSeconds", gan.counters().trainingSeconds());
            summary.put("thisSessionSeconds", (System.nanoTime() - t0) / 1e9);
            // Time in the SWD tracking of this session (inside trainingSeconds).
            summary.put("trackingSeconds", trackingSeconds[0]);
            summary.put("swdRealVsReal", realVsReal);
            summary.put("swdLast", curve.get(curve.size() - 1)[1]);
            summary.put("swdLastOverReal", curve.get(curve.size() - 1)[1] / realVsReal);
            best.best()
                    .ifPresent(
                            b -> {
                                summary.put("swdBest", b.score());
                                summary.put("swdBestKimg", b.kimg());
                                summary.put("swdBestOverReal", b.score() / realVsReal);
                            });
            // The final numbers on every held-out image (the tracked ones use `track`).
            Uint8Images heldAll = heldOut.slice(0, refCount);
            double rrAll = swd.compute(heldAll, trainRef, o.seed).average();
            summary.put("finalSample", refCount);
            summary.put("finalSwdRealVsReal", rrAll);
            double lastAll = swdOf(gan, heldAll, swd, o.seed, res, res);
            summary.put("finalSwdLast", lastAll);
            summary.put("finalSwdLastOverReal", lastAll / rrAll);
            var bestFile = BestGsSnapshot.snapshotFile(out);
            if (bestFile.isPresent()) {
                try (Pggan b = Pggan.load(bestFile.get())) {
                    double bestAll = swdOf(b, heldAll, swd, o.seed, res, res);
                    summary.put("finalSwdBest", bestAll);
                    summary.put("finalSwdBestOverReal", bestAll / rrAll);
                }
            }
            summary.put("config", Json.mapper().readTree(config.toJson()));
            Json.write(out.resolve("summary.json"), summary);
            BestGsSnapshot.snapshotFile(out)
                    .ifPresent(
                            file -> {
                                try (Pggan b = Pggan.load(file);
                                        NDArray g = b.generate(64, o.seed + 1)) {
                                    ImageGrid.write(
                                            out.resolve("samples-best.png"), g.clip(-1f, 1f), 8);
                                }
                            });
            LOG.info("summary: {}", Json.write(summary));
            return summary;
        }
    }

    /** kimg of the final stable phase of a short schedule. */
    static double finalKimg(PgganConfig c) {
        TrainingSchedule s = c.schedule();
        int levels =
                Integer.numberOfTrailingZeros(c.architecture().resolution())
                        - Integer.numberOfTrailingZeros(s.lodInitialResolution())
                        + 1;
        return s.totalKimg() - s.stabilizeKimg() * (2 * levels - 2);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** SWD of Gs at the current resolution, nearest-upsampled to the final one, as officially. */
    static double swdOf(
            Pggan gan, Uint8Images reals, SlicedWasserstein swd, long seed, int at, int res) {
        List<Uint8Images> parts = new ArrayList<>();
        gan.generateBatches(
                reals.count(),
                seed + 2,
                Pggan.SAMPLE_BATCH,
                (from, images) -> {
                    NDArray x = images.clip(-1f, 1f);
                    for (int s = at; s < res; s *= 2) {
                        x = x.repeat(2, 2).repeat(3, 2);
                    }
                    parts.add(Uint8Images.fromSigned(x));
                });
        SwdResult r = swd.compute(Uint8Images.concat(parts), reals, seed);
        return r.average();
    }

    private static MultiResolutionStore store(ImageSource train, Path dir) {
        return Files.isRegularFile(dir.resolve(MultiResolutionStore.HEADER))
                ? MultiResolutionStore.open(dir, false)
                : MultiResolutionStore.builder().source(train).folder(dir).progress(true).build();
    }

    /**
     * The run's configuration: read back when resuming, otherwise built with a schedule sized from
     * timed iterations at each resolution.
     */
    static PgganConfig config(Options o, Path out, int res) throws IOException {
        Path file = out.resolve("config.json");
        if (Files.isRegularFile(file)) {
            LOG.info("resuming with the configuration in {}", file);
            return PgganConfig.fromJson(Files.readString(file));
        }
        PgganConfig base =
                PgganConfig.builder()
                        .resolution(res)
                        .latentDim(o.latent)
                        .fmapMax(o.fmapMax)
                        .seed(o.seed)
                        .gsAverage(GsAverage.halfLife(o.gsHalfLife, o.gsRampup))
                        .imageSnapshotTicks(0)
                        .progressBar(true)
                        .build();
        if (o.start > res) {
            throw new IllegalArgumentException(
                    "--start " + o.start + " is above the resolution " + res);
        }
        // Phases before the final one: stable r0, fade 2 r0, stable 2 r0, ..., fade R.
        int levels =
                Integer.numberOfTrailingZeros(res) - Integer.numberOfTrailingZeros(o.start) + 1;
        double phaseKimg = o.phaseKimg;
        double finalKimg = o.finalKimg;
        double[] secPerImage = new double[0];
        if (phaseKimg == 0) {
            secPerImage = secondsPerImage(base, o.start, o.minibatch, o.lr);
            double fade = 1.25; // a fade-in runs both the old and the new path
            double perKimgEarly = 0;
            for (int l = 0; l < levels; l++) {
                boolean last = l == levels - 1;
                if (l > 0) {
                    perKimgEarly += 1000 * secPerImage[l] * fade;
                }
                if (!last) {
                    perKimgEarly += 1000 * secPerImage[l];
                }
            }
            double budget = o.minutes * 60;
            phaseKimg = levels == 1 ? 0 : (1 - o.finalFraction) * budget / perKimgEarly;
            finalKimg =
                    (levels == 1 ? 1 : o.finalFraction) * budget / (1000 * secPerImage[levels - 1]);
        }
        double total = phaseKimg * (2 * levels - 2) + finalKimg;
        TrainingSchedule s = TrainingSchedule.shortRun(phaseKimg, total, o.minibatch);
        TrainingSchedule schedule = s.withInitialResolution(o.start).withLearningRate(o.lr);
        PgganConfig c =
                base.toBuilder()
                        .schedule(schedule)
                        .checkpointIntervalKimg(Math.max(total / 20, 0.1))
                        .build();
        LOG.info(
                "schedule for {} minutes: {} kimg per phase, {} kimg at {}x{} at the end, {} kimg"
                        + " in all (seconds per image by resolution: {})",
                o.minutes,
                f(phaseKimg),
                f(finalKimg),
                res,
                res,
                f(total),
                java.util.Arrays.toString(secPerImage));
        AtomicFiles.writeString(file, c.toJson());
        return c;
    }

    /** Seconds per real image of a training iteration at each resolution start, 2 start, ..., R. */
    static double[] secondsPerImage(PgganConfig base, int start, int minibatch, double lr) {
        int levels =
                Integer.numberOfTrailingZeros(base.architecture().resolution())
                        - Integer.numberOfTrailingZeros(start)
                        + 1;
        PgganConfig c =
                base.toBuilder()
                        .schedule(TrainingSchedule.shortRun(1, 1, minibatch).withLearningRate(lr))
                        .build();
        double[] out = new double[levels];
        for (int l = 0; l < levels; l++) {
            out[l] = SpeedProbe.secondsPerImage(c, start << l, false, 8);
        }
        return out;
    }

    private static List<double[]> readCurve(Path file) {
        List<double[]> out = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            for (Csv.Row r : Csv.read(file, "kimg", "swd_x1e3_avg", "resolution")) {
                out.add(
                        new double[] {
                            r.number("kimg"), r.number("swd_x1e3_avg"), r.number("resolution")
                        });
            }
        }
        return out;
    }

    private static void writeCurve(Path out, List<double[]> curve, double realVsReal) {
        Csv.Table csv = Csv.table("kimg", "swd_x1e3_avg", "resolution");
        double[] x = new double[curve.size()];
        double[] y = new double[curve.size()];
        for (int i = 0; i < curve.size(); i++) {
            double[] c = curve.get(i);
            csv.row(c[0], c[1], (int) c[2]);
            x[i] = c[0];
            y[i] = c[1];
        }
        csv.write(out.resolve("swd.csv"));
        XYChart chart = Charts.xy("SWD x1e3 (average), generated vs held-out", "kimg", "SWD x1e3");
        Charts.line(chart, "Gs vs held-out", x, y, true);
        Charts.reference(chart, "real vs real", 0, x[x.length - 1], realVsReal);
        try {
            Charts.write(chart, out.resolve("swd.png"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
