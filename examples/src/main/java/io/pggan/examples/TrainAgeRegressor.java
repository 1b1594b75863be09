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

/**
 * Step 3: trains the bone-age Xception (narrow, no sex input, so it can label generated images) on
 * 128 px phantoms and reports its MAE by age band.
 *
 * <pre>
 * java ... io.pggan.examples.TrainAgeRegressor [out=runs/agecnn] [train=2000] [epochs=8]
 * </pre>
 */
public final class TrainAgeRegressor {
    private TrainAgeRegressor() {}

    /** Entry point. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of(args.length > 0 ? args[0] : "runs/agecnn");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 8;
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
    }
}
