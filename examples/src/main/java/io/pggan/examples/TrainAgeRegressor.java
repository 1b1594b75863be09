package io.pggan.examples;

import io.pggan.agecnn.AgeDataset;
import io.pggan.agecnn.AgeDatasets;
import io.pggan.agecnn.AgeEvaluation;
import io.pggan.agecnn.AgeRegressor;
import io.pggan.agecnn.TrainingCurves;
import io.pggan.agecnn.TrainingHistory;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.engine.PgganEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Step 3: trains the bone-age Xception (narrow, no sex input, so it can label generated images) on
 * 128 px phantoms and reports its MAE by age band.
 *
 * <pre>
 * java ... io.pggan.examples.TrainAgeRegressor [out=runs/agecnn] [train=2000] [epochs=8]
 * </pre>
 */
@Command(
        name = "TrainAgeRegressor",
        mixinStandardHelpOptions = true,
        description =
                "Trains the bone-age Xception on 128 px phantoms and reports its MAE by age band.")
public final class TrainAgeRegressor implements Callable<Integer> {
    @Parameters(
            index = "0",
            arity = "0..1",
            defaultValue = "runs/agecnn",
            description = "output folder (default ${DEFAULT-VALUE})")
    Path out;

    @Parameters(
            index = "1",
            arity = "0..1",
            defaultValue = "2000",
            description = "training phantoms (default ${DEFAULT-VALUE})")
    int n;

    @Parameters(
            index = "2",
            arity = "0..1",
            defaultValue = "8",
            description = "epochs (default ${DEFAULT-VALUE})")
    int epochs;

    /** Entry point: {@code --help} lists the arguments. */
    public static void main(String[] args) {
        int status = new CommandLine(new TrainAgeRegressor()).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        PgganEngine.start();

        HandPhantoms phantoms = HandPhantoms.builder().seed(2018).resolution(128).build();
        AgeDataset train = AgeDatasets.phantoms(phantoms, 0, n, true);
        AgeDataset validation = AgeDatasets.phantoms(phantoms, 1_000_000, n / 10, true);
        AgeDataset test = AgeDatasets.phantoms(phantoms, 2_000_000, n / 5, true);
        try (AgeRegressor model =
                AgeRegressor.builder()
                        .widthMultiplier(0.125)
                        .useSex(false)
                        .epochs(epochs)
                        .build()) {
            TrainingHistory history = model.fit(train, validation, List.of(System.out::println));
            TrainingCurves.writePng(history, out.resolve("curve.png"), "MAE per epoch");
            AgeEvaluation eval = model.evaluate(test);
            System.out.print(eval.describe());
            model.save(out.resolve("model"));
        }
        return 0;
    }
}
