package io.pggan.examples;

import ai.djl.ndarray.NDManager;
import io.pggan.agecnn.AgeCnnPredictor;
import io.pggan.agecnn.AgeRegressor;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganLatentGenerator;
import io.pggan.latent.axis.AgeAxis;
import io.pggan.latent.axis.LatentAxisFinder;
import io.pggan.latent.labeling.LabelSet;
import io.pggan.latent.labeling.LatentLabeler;
import java.nio.file.Path;

/**
 * Step 5: labels sampled latents with the age CNN and fits the age axis by LASSO with 10-fold
 * cross-validation (the study's method).
 *
 * <pre>
 * java ... io.pggan.examples.FindAgeAxis generator.zip agecnn-model-folder cnnInputSize [out] [n]
 * </pre>
 */
public final class FindAgeAxis {
    private FindAgeAxis() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 3 ? args[3] : "runs/axis");
        int n = args.length > 4 ? Integer.parseInt(args[4]) : 5000;
        PgganEngine.start();
        Path weights = Path.of(args[0]);
        try (Pggan gan = Pggan.load(weights);
                AgeCnnPredictor age =
                        new AgeCnnPredictor(
                                AgeRegressor.load(Path.of(args[1])), Integer.parseInt(args[2]));
                NDManager manager = NDManager.newBaseManager()) {
            PgganLatentGenerator generator = PgganLatentGenerator.of(gan, weights);
            LabelSet labels =
                    LatentLabeler.builder()
                            .samples(n)
                            .seed(2018)
                            .build()
                            .label(out.resolve("labels"), manager, generator, age);
            AgeAxis axis =
                    LatentAxisFinder.builder()
                            .generator(generator)
                            .build()
                            .fit(labels.latents(), labels.months());
            axis.save(out.resolve("age-axis.json"));
            System.out.printf(
                    "age axis: %.2f months per unit, held-out R2 %.3f, test MAE %.1f months%n",
                    axis.monthsPerUnit(), axis.heldOutR2(), axis.testErrors().mean());
        }
    }
}
