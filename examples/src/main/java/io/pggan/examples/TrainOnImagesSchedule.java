package io.pggan.examples;

import io.pggan.gan.PgganConfig;
import io.pggan.gan.training.GsAverage;
import io.pggan.gan.training.SpeedProbe;
import io.pggan.gan.training.TrainingSchedule;
import io.pggan.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedule of {@link TrainOnImages}: read back when resuming, otherwise sized from timed
 * iterations at each resolution so that training takes about the minutes asked for.
 */
final class TrainOnImagesSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(TrainOnImages.class);

    private TrainOnImagesSchedule() {}

    /** kimg of the final stable phase of a short schedule. */
    static double finalKimg(PgganConfig c) {
        TrainingSchedule s = c.schedule();
        int levels =
                Integer.numberOfTrailingZeros(c.architecture().resolution())
                        - Integer.numberOfTrailingZeros(s.lodInitialResolution())
                        + 1;
        return s.totalKimg() - s.stabilizeKimg() * (2 * levels - 2);
    }

    /**
     * The run's configuration: read back when resuming, otherwise built with a schedule sized from
     * timed iterations at each resolution.
     */
    static PgganConfig config(TrainOnImages.Options o, Path out, int res) throws IOException {
        Path file = out.resolve("config.json");
        if (Files.isRegularFile(file)) {
            LOG.info("resuming with the configuration in {}", file);
            return PgganConfig.fromJson(Files.readString(file));
        }
        PgganConfig base =
                PgganConfig.builder()
                        .resolution(res)
                        .latentDim(o.latent())
                        .fmapMax(o.fmapMax())
                        .seed(o.seed())
                        .gsAverage(GsAverage.halfLife(o.gsHalfLife(), o.gsRampup()))
                        .imageSnapshotTicks(0)
                        .progressBar(true)
                        .build();
        if (o.start() > res) {
            throw new IllegalArgumentException(
                    "--start " + o.start() + " is above the resolution " + res);
        }
        // Phases before the final one: stable r0, fade 2 r0, stable 2 r0, ..., fade R.
        int levels =
                Integer.numberOfTrailingZeros(res) - Integer.numberOfTrailingZeros(o.start()) + 1;
        double phaseKimg = o.phaseKimg();
        double finalKimg = o.finalKimg();
        double[] secPerImage = new double[0];
        if (phaseKimg == 0) {
            secPerImage = secondsPerImage(base, o.start(), o.minibatch(), o.lr());
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
            double budget = o.minutes() * 60;
            phaseKimg = levels == 1 ? 0 : (1 - o.finalFraction()) * budget / perKimgEarly;
            finalKimg =
                    (levels == 1 ? 1 : o.finalFraction())
                            * budget
                            / (1000 * secPerImage[levels - 1]);
            // A budget too small for a loaded machine would end inside a fade-in, before the
            // final resolution: every phase gets at least four minibatches.
            double least = 4.0 * o.minibatch() / 1000;
            phaseKimg = levels == 1 ? 0 : Math.max(phaseKimg, least);
            finalKimg = Math.max(finalKimg, least);
        }
        double total = phaseKimg * (2 * levels - 2) + finalKimg;
        TrainingSchedule s = TrainingSchedule.shortRun(phaseKimg, total, o.minibatch());
        TrainingSchedule schedule = s.withInitialResolution(o.start()).withLearningRate(o.lr());
        PgganConfig c =
                base.toBuilder()
                        .schedule(schedule)
                        .checkpointIntervalKimg(Math.max(total / 20, 0.1))
                        .build();
        LOG.info(
                "schedule for {} minutes: {} kimg per phase, {} kimg at {}x{} at the end, {} kimg"
                        + " in all (seconds per image by resolution: {})",
                o.minutes(),
                TrainOnImages.f(phaseKimg),
                TrainOnImages.f(finalKimg),
                res,
                res,
                TrainOnImages.f(total),
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
}
