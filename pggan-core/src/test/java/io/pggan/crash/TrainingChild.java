package io.pggan.crash;

import io.pggan.gan.InMemorySource;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.training.GanState;
import io.pggan.gan.training.TrainingListener;
import io.pggan.gan.training.TrainingProgress;
import io.pggan.gan.training.TrainingSchedule;
import io.pggan.io.Npy;
import io.pggan.io.NpyArray;
import java.nio.file.Path;

/**
 * The process the training crash test kills: trains a tiny GAN in a run folder (resuming its
 * checkpoint when there is one) to the end of the schedule, then writes the averaged generator's
 * weights to {@code gs.npy}. Prints {@code STARTED <iteration>} once the model is built.
 */
public final class TrainingChild {
    private TrainingChild() {}

    /** 8x8, fmap 8: phases of 64 images, 448 images in all, a checkpoint every 32 images. */
    static PgganConfig config() {
        return PgganConfig.builder()
                .resolution(8)
                .latentDim(8)
                .fmapMax(8)
                .schedule(TrainingSchedule.shortRun(0.064, 0.448, 8))
                .checkpointIntervalKimg(0.032)
                .imageSnapshotTicks(0)
                .progressBar(false)
                .build();
    }

    public static void main(String[] args) throws Exception {
        Path run = Path.of(args[0]);
        InMemorySource source = new InMemorySource(32, 1, 8, 5);
        try (Pggan gan = Pggan.builder().config(config()).runDirectory(run).build()) {
            System.out.println("STARTED " + gan.counters().iteration());
            System.out.flush();
            TrainingListener ticks =
                    new TrainingListener() {
                        @Override
                        public void onIteration(TrainingProgress p) {
                            System.out.println("ITERATION " + p.iteration());
                        }
                    };
            gan.train(source, ticks);
            Npy.write(run.resolve("gs.npy"), flatGs(gan.state()));
        }
        System.out.println("DONE");
    }

    static NpyArray flatGs(GanState state) {
        var params = state.averagedGenerator().namedParameters();
        int n = 0;
        for (var p : params) {
            n += (int) p.parameter().getArray().size();
        }
        float[] all = new float[n];
        int at = 0;
        for (var p : params) {
            float[] v = p.parameter().getArray().toFloatArray();
            System.arraycopy(v, 0, all, at, v.length);
            at += v.length;
        }
        return NpyArray.ofFloats(all, n);
    }
}
