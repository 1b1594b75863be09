package io.pggan.data;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A thread-safe progress bar on the console for long data jobs, or nothing when switched off
 * (tests, libraries embedding us quietly).
 */
public final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar for {@code total} steps if {@code show}, else a silent counter. */
    public static Progress of(String task, long total, boolean show) {
        if (!show) {
            return new Progress(null);
        }
        return new Progress(
                new ProgressBarBuilder()
                        .setTaskName(task)
                        .setInitialMax(total)
                        .setUpdateIntervalMillis(500)
                        .showSpeed()
                        .build());
    }

    /** One step done. */
    public void step() {
        if (bar != null) {
            synchronized (bar) {
                bar.step();
            }
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
