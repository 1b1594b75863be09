package io.pggan.examples;

import ai.djl.ndarray.NDManager;
import io.pggan.agecnn.AgeCnnPredictor;
import io.pggan.agecnn.AgeRegressor;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.LatentSampler;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganLatentGenerator;
import io.pggan.latent.axis.AgeAxis;
import io.pggan.latent.interpolation.Interpolation;
import io.pggan.latent.video.AgingVideo;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Step 6: moves one generated hand along the age axis, from 6 years younger to 6 years older, and
 * writes the frames, an MP4, a GIF and the predicted age of every frame.
 *
 * <pre>
 * java ... io.pggan.examples.MakeAgingVideo generator.zip agecnn-model cnnInputSize age-axis.json [out]
 * </pre>
 */
@Command(
        name = "MakeAgingVideo",
        mixinStandardHelpOptions = true,
        description =
                "Moves a generated hand along the age axis: frames, MP4, GIF and the CNN's age of every frame.")
public final class MakeAgingVideo implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "weights", description = "generator.zip")
    Path weights;

    @Parameters(index = "1", paramLabel = "cnn", description = "the age CNN's model folder")
    Path cnn;

    @Parameters(index = "2", paramLabel = "cnnInput", description = "the CNN's input side")
    int cnnInput;

    @Parameters(index = "3", paramLabel = "axisFile", description = "age-axis.json")
    Path axisFile;

    @Parameters(
            index = "4",
            arity = "0..1",
            defaultValue = "runs/video",
            description = "output folder (default ${DEFAULT-VALUE})")
    Path out;

    /** Entry point: {@code --help} lists the arguments. */
    public static void main(String[] args) {
        int status = new CommandLine(new MakeAgingVideo()).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        PgganEngine.start();
        try (Pggan gan = Pggan.load(weights);
                AgeCnnPredictor age = new AgeCnnPredictor(AgeRegressor.load(cnn), cnnInput);
                NDManager manager = NDManager.newBaseManager()) {
            PgganLatentGenerator generator = PgganLatentGenerator.of(gan, weights);
            AgeAxis axis = AgeAxis.load(axisFile, generator); // refuses another model
            float[] z = LatentSampler.latent(2018, 0, generator.latentDim());
            List<float[]> frames = Interpolation.alongAxis(axis, z, -72, +72, 61);
            AgingVideo.Result video =
                    AgingVideo.builder().build().write(out, manager, generator, age, frames, null);
            System.out.printf(
                    "%s: %.0f -> %.0f months, Spearman %.3f%n",
                    video.mp4(),
                    video.months()[0],
                    video.months()[video.months().length - 1],
                    video.spearman());
        }
        return 0;
    }
}
