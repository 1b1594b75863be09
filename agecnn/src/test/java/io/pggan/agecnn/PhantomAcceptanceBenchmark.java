package io.pggan.agecnn;

import io.pggan.data.phantom.HandPhantoms;
import io.pggan.engine.PgganEngine;
import io.pggan.io.AtomicFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Acceptance run: trains a reduced-width Xception on hand phantoms at 128x128 on the CPU and
 * reports the held-out MAE, the MAE by age band and the training curve (PNG). Settings come from
 * system properties (defaults in brackets): {@code agecnn.train} [5000], {@code agecnn.validation}
 * [500], {@code agecnn.test} [1000], {@code agecnn.size} [128], {@code agecnn.width} [0.25], {@code
 * agecnn.epochs} [20], {@code agecnn.minutes} [55], {@code agecnn.out} [target/agecnn-acceptance].
 *
 * <pre>
 * mvn -B -ntp -o -q -pl agecnn test -Dtest=PhantomAcceptanceBenchmark -DexcludedTestGroups=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dagecnn.out=/work/notes
 * </pre>
 */
@Tag("benchmark")
class PhantomAcceptanceBenchmark {
    private static final long SEED = 2026;

    /** Runs the acceptance training outside JUnit (same system properties). */
    public static void main(String[] args) {
        new PhantomAcceptanceBenchmark().trainOnPhantoms();
    }

    @Test
    void trainOnPhantoms() {
        int trainCount = Integer.getInteger("agecnn.train", 5000);
        int validationCount = Integer.getInteger("agecnn.validation", 500);
        int testCount = Integer.getInteger("agecnn.test", 1000);
        int size = Integer.getInteger("agecnn.size", 128);
        double width = Double.parseDouble(System.getProperty("agecnn.width", "0.25"));
        int epochs = Integer.getInteger("agecnn.epochs", 20);
        double minutes = Double.parseDouble(System.getProperty("agecnn.minutes", "55"));
        Path out = Path.of(System.getProperty("agecnn.out", "target/agecnn-acceptance"));
        // One PyTorch thread by default: on a machine shared with other jobs, two OpenMP threads
        // waiting on each other at every barrier ran 5-10x slower than one (measured here).
        PgganEngine.start(Integer.getInteger("agecnn.threads", 1));

        HandPhantoms phantoms = HandPhantoms.builder().seed(SEED).resolution(size).build();
        long t0 = System.nanoTime();
        // Disjoint index ranges: no phantom (pose, exposure, anatomy draw) is shared between sets.
        AgeDataset train = AgeDatasets.phantoms(phantoms, 0, trainCount, true);
        AgeDataset validation = AgeDatasets.phantoms(phantoms, 1_000_000, validationCount, true);
        AgeDataset test = AgeDatasets.phantoms(phantoms, 2_000_000, testCount, true);
        double renderSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "rendered %d phantoms at %dpx in %.1f s%n",
                trainCount + validationCount + testCount, size, renderSeconds);

        StringBuilder log = new StringBuilder();
        try (AgeRegressor model =
                AgeRegressor.builder()
                        .widthMultiplier(width)
                        .epochs(epochs)
                        .batchSize(32)
                        .learningRate(1e-3f)
                        .patience(6)
                        .timeLimitMinutes(minutes)
                        .seed(SEED)
                        .build()) {
            java.util.List<EpochResult> seen = new java.util.ArrayList<>();
            TrainingHistory history =
                    model.fit(
                            train,
                            validation,
                            List.of(
                                    e -> {
                                        seen.add(e);
                                        String line =
                                                String.format(
                                                        "epoch %2d  train MAE %6.2f  val MAE %6.2f  lr %.2e  %5.0f s%s",
                                                        e.epoch(),
                                                        e.trainMae(),
                                                        e.validationMae(),
                                                        e.learningRate(),
                                                        e.seconds(),
                                                        e.best() ? "  *" : "");
                                        System.out.println(line);
                                        log.append(line).append('\n');
                                        // Re-drawn every epoch so a cut-short run still leaves its
                                        // curve.
                                        TrainingCurves.writePng(
                                                new TrainingHistory(seen, 0, false),
                                                out.resolve("agecnn-curve.png"),
                                                title(width, size, trainCount));
                                        AtomicFiles.writeString(
                                                out.resolve("agecnn-acceptance-log.txt"),
                                                log.toString());
                                    }));
            TrainingCurves.writePng(
                    history, out.resolve("agecnn-curve.png"), title(width, size, trainCount));
            long t1 = System.nanoTime();
            AgeEvaluation evaluation = model.evaluate(test);
            double predictRate = test.size() / ((System.nanoTime() - t1) / 1e9);
            String report =
                    String.format(
                            "phantoms seed %d, %dpx, train %d / validation %d / test %d; Xception width %.3f (%d features), sex input%n"
                                    + "epochs run %d (best %d, stopped early: %s), training time %.1f min%n"
                                    + "held-out test: %s"
                                    + "prediction %.1f img/s%n",
                            SEED,
                            size,
                            trainCount,
                            validationCount,
                            testCount,
                            width,
                            model.featureSize(),
                            history.epochs().size(),
                            history.bestEpoch(),
                            history.stoppedEarly(),
                            history.epochs().stream().mapToDouble(EpochResult::seconds).sum() / 60,
                            evaluation.describe(),
                            predictRate);
            System.out.println(report);
            AtomicFiles.writeString(out.resolve("agecnn-acceptance-log.txt"), log + "\n" + report);
            model.save(Path.of("target/agecnn-acceptance/model"));
        }
    }

    private static String title(double width, int size, int n) {
        return String.format("Xception x%.3f, %d phantoms at %dpx: MAE per epoch", width, n, size);
    }
}
