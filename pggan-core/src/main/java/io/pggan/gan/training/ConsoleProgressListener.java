package io.pggan.gan.training;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A console progress bar over the real images of the run, with phase, losses and speed. */
public final class ConsoleProgressListener implements TrainingListener {
    private ProgressBar bar;

    @Override
    public void onIteration(TrainingProgress p) {
        if (bar == null) {
            bar =
                    new ProgressBarBuilder()
                            .setTaskName("PGGAN")
                            .setInitialMax(Math.round(p.totalKimg() * 1000))
                            .setUnit(" kimg", 1000)
                            .setStyle(ProgressBarStyle.ASCII)
                            .continuousUpdate()
                            .build();
        }
        bar.stepTo(Math.round(p.kimg() * 1000));
        bar.setExtraMessage(
                String.format(
                        "%dpx %s a=%.2f D=%.3f G=%.3f %.1f img/s",
                        p.resolution(),
                        p.phase(),
                        p.alpha(),
                        p.dLoss(),
                        p.gLoss(),
                        p.imagesPerSecond()));
    }

    @Override
    public void onEnd(TrainingProgress p) {
        close();
    }

    /** Closes the bar (also when training failed). */
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
