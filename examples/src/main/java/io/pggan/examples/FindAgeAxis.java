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
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Step 5: labels sampled latents with the age CNN and fits the age axis by LASSO with 10-fold
 * cross-validation (the study's method).
 *
 * <pre>
 * java ... io.pggan.examples.FindAgeAxis generator.zip agecnn-model-folder cnnInputSize [out] [n]
 * </pre>
 */
@Command(
        name = "FindAgeAxis",
        mixinStandardHelpOptions = true,
        description =
                "Labels sampled latents with the age CNN and fits the age axis by LASSO with 10-fold CV.")
public final class FindAgeAxis implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "weights", description = "generator.zip")
    Path weights;

    @Parameters(index = "1", paramLabel = "cnn", description = "the age CNN's model folder")
    Path cnn;

    @Parameters(index = "2", paramLabel = "cnnInput", description = "the CNN's input side")
    int cnnInput;

    @Parameters(
            index = "3",
            arity = "0..1",
            defaultValue = "runs/axis",
            description = "output folder (default ${DEFAULT-VALUE})")
    Path out;

    @Parameters(
            index = "4",
            arity = "0..1",
            defaultValue = "5000",
            description = "latents to label (default ${DEFAULT-VALUE})")
    int n;

    /** Entry point: {@code --help} lists the arguments. */
    public static void main(String[] args) {
        int status = new CommandLine(new FindAgeAxis()).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    @Override
    public Integer call() throws Exception {
        PgganEngine.start();
        try (Pggan gan = Pggan.load(weights);
                AgeCnnPredictor age = new AgeCnnPredictor(AgeRegressor.load(cnn), cnnInput);
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
        return 0;
    }
}
