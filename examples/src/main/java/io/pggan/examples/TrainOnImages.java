package io.pggan.examples;

import ai.djl.ndarray.NDArray;
import io.pggan.data.ImageSource;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.training.BestGsSnapshot;
import io.pggan.gan.training.TrainingListener;
import io.pggan.gan.training.TrainingProgress;
import io.pggan.gan.training.TrainingSchedule;
import io.pggan.io.ImageGrid;
import io.pggan.io.Json;
import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.swd.SlicedWasserstein;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** Trains (or resumes) and writes everything into {@code o.out}. */
    static Map<String, Object> run(Options o) throws IOException {
        PgganEngine.start();
        Path out = o.out.toAbsolutePath();
        Files.createDirectories(out);
        ImageSource all = ImageInputs.open(o.input, o.resolution, o.limit);
        int res = all.resolution();
        int holdout =
                o.holdout > 0 ? o.holdout : Math.max(2, Math.min(2000, all.size() / 10) / 2 * 2);
        if (holdout >= all.size()) {
            throw new IllegalArgumentException(
                    o.input + " has " + all.size() + " images: too few to hold out " + holdout);
        }
        int nTrain = all.size() - holdout;
        ImageSource train = ImageInputs.slice(all, 0, nTrain);
        Uint8Images heldOut = ImageInputs.bytes(all, nTrain, holdout);
        int refCount = Math.min(holdout, nTrain);
        Uint8Images trainRef = ImageInputs.bytes(all, 0, refCount);
        LOG.info(
                "{}: {} images at {}x{}, {} for training, {} held out",
                o.input,
                all.size(),
                res,
                res,
                nTrain,
                holdout);

        PgganConfig config = TrainOnImagesSchedule.config(o, out, res);
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
        List<double[]> curve = SwdCurve.read(out.resolve("swd.csv"));
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
            double finalStart = sched.totalKimg() - TrainOnImagesSchedule.finalKimg(config);
            double everyFinal = TrainOnImagesSchedule.finalKimg(config) / o.evals;
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
                            double v =
                                    SwdCurve.swdOf(
                                            gan, trackReals, swd, o.seed, p.resolution(), res);
                            curve.add(new double[] {p.kimg(), v, p.resolution()});
                            LOG.info(
                                    "{} kimg ({} px {}): SWD x1e3 {} (real vs real {})",
                                    f(p.kimg()),
                                    p.resolution(),
                                    p.phase(),
                                    f(v),
                                    f(realVsReal));
                            best.offer(p, v);
                            SwdCurve.write(out, curve, realVsReal);
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
            double lastAll = SwdCurve.swdOf(gan, heldAll, swd, o.seed, res, res);
            summary.put("finalSwdLast", lastAll);
            summary.put("finalSwdLastOverReal", lastAll / rrAll);
            var bestFile = BestGsSnapshot.snapshotFile(out);
            if (bestFile.isPresent()) {
                try (Pggan b = Pggan.load(bestFile.get())) {
                    double bestAll = SwdCurve.swdOf(b, heldAll, swd, o.seed, res, res);
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

    static String f(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static MultiResolutionStore store(ImageSource train, Path dir) {
        return Files.isRegularFile(dir.resolve(MultiResolutionStore.HEADER))
                ? MultiResolutionStore.open(dir, false)
                : MultiResolutionStore.builder().source(train).folder(dir).progress(true).build();
    }
}
