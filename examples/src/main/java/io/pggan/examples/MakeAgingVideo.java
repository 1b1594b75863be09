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

/**
 * Step 6: moves one generated hand along the age axis, from 6 years younger to 6 years older, and
 * writes the frames, an MP4, a GIF and the predicted age of every frame.
 *
 * <pre>
 * java ... io.pggan.examples.MakeAgingVideo generator.zip agecnn-model cnnInputSize age-axis.json [out]
 * </pre>
 */
public final class MakeAgingVideo {
    private MakeAgingVideo() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of(args.length > 4 ? args[4] : "runs/video");
        PgganEngine.start();
        Path weights = Path.of(args[0]);
        try (Pggan gan = Pggan.load(weights);
                AgeCnnPredictor age =
                        new AgeCnnPredictor(
                                AgeRegressor.load(Path.of(args[1])), Integer.parseInt(args[2]));
                NDManager manager = NDManager.newBaseManager()) {
            PgganLatentGenerator generator = PgganLatentGenerator.of(gan, weights);
            AgeAxis axis = AgeAxis.load(Path.of(args[3]), generator); // refuses another model
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
    }
}
