package io.pggan.examples;

import ai.djl.ndarray.NDArray;
import io.pggan.agecnn.AgeCnnPredictor;
import io.pggan.agecnn.AgeRegressor;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.Pggan;
import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.features.FeatureExtractor;
import io.pggan.metrics.neighbors.NearestNeighbors;
import io.pggan.metrics.tracking.MetricRecord;
import io.pggan.metrics.tracking.MetricTracker;
import io.pggan.metrics.tracking.RealReference;
import io.pggan.metrics.tracking.TrackerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Step 4: scores a trained GAN against real images: SWD per pyramid level, MS-SSIM, FID and KID in
 * the age CNN's feature space, precision/recall, and the nearest training images of 8 samples.
 *
 * <pre>
 * java ... io.pggan.examples.EvaluateGan generator.zip agecnn-model-folder cnnInputSize [out]
 * </pre>
 */
@Command(
        name = "EvaluateGan",
        mixinStandardHelpOptions = true,
        description =
                "Scores a trained GAN: SWD, MS-SSIM, FID/KID in the age CNN's features, precision/recall, nearest neighbours.")
public final class EvaluateGan implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "generator", description = "generator.zip")
    Path generator;

    @Parameters(index = "1", paramLabel = "cnn", description = "the age CNN's model folder")
    Path cnn;

    @Parameters(index = "2", paramLabel = "cnnInput", description = "the CNN's input side")
    int cnnInput;

    @Parameters(
            index = "3",
            arity = "0..1",
            defaultValue = "runs/evaluation",
            description = "output folder (default ${DEFAULT-VALUE})")
    Path out;

    /** Entry point: {@code --help} lists the arguments. */
    public static void main(String[] args) {
        int status = new CommandLine(new EvaluateGan()).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    @Override
    public Integer call() throws Exception {
        PgganEngine.start();
        int sample = 256;
        try (Pggan gan = Pggan.load(generator);
                AgeCnnPredictor age = new AgeCnnPredictor(AgeRegressor.load(cnn), cnnInput);
                FeatureExtractor features = age.featureExtractor()) {
            int res = gan.config().architecture().resolution();
            // Real images: phantoms at the GAN's resolution (use your training set instead).
            HandPhantoms phantoms = HandPhantoms.builder().seed(99).resolution(res).build();
            byte[] bytes = new byte[sample * res * res];
            for (int i = 0; i < sample; i++) {
                float[] p = phantoms.render(i).pixels();
                for (int j = 0; j < p.length; j++) {
                    bytes[i * res * res + j] = (byte) io.pggan.io.ImagePng.toByte(p[j]);
                }
            }
            Uint8Images reals = Uint8Images.of(bytes, sample, 1, res, res);
            TrackerConfig config =
                    TrackerConfig.builder()
                            .sampleSize(sample)
                            .kid(20, 100)
                            .metrics("swd", "ms_ssim", "fid", "kid", "precision_recall")
                            .build();
            MetricTracker tracker =
                    new MetricTracker(RealReference.compute(config, reals, features), out);
            long[] from = {0};
            MetricRecord r =
                    tracker.evaluate(
                            0,
                            (manager, n) -> {
                                NDArray z = gan.latents(manager, 0L, from[0], n);
                                from[0] += n;
                                return gan.generate(z).clip(-1f, 1f);
                            });
            System.out.println(r.values());

            try (var fakes = gan.generate(8, 7L)) {
                Uint8Images query = Uint8Images.fromSigned(fakes.clip(-1f, 1f));
                var nn = NearestNeighbors.pixel(query, reals, 5, false);
                NearestNeighbors.writeGrid(out.resolve("nearest.png"), query, reals, nn, 8);
            }
        }
        return 0;
    }
}
