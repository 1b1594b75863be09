package io.pggan.gan.training;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;

/**
 * Where a run stands: everything besides the weights and Adam moments that a checkpoint must hold
 * so that a resumed run continues exactly (the random draws of iteration i depend only on the seed
 * and i, so the iteration count is the random state).
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE)
public final class TrainingCounters {
    /** Training iterations done (one D step and one G step each). */
    long iteration;

    /** Real images shown to D. */
    long nimg;

    /** {@code nimg} when the schedule was last evaluated (every minibatchRepeats iterations). */
    long scheduleNimg;

    /** lod of the previous schedule evaluation (-1 before the first), for the Adam resets. */
    double prevLod = -1;

    /** {@code nimg} at the start of the current tick. */
    long tickStartNimg;

    /** Ticks completed. */
    long ticks;

    /** {@code nimg} at the last checkpoint. */
    long checkpointNimg;

    /** Consecutive iterations with a non-finite loss or gradient. */
    int nonFiniteStreak;

    /** Iterations skipped because of non-finite values, in total. */
    long skippedUpdates;

    /** Seconds spent training, over all sessions. */
    double trainingSeconds;

    /** Running averages of the accepted gradient norms (0 until the first update). */
    double dGradientNorm;

    double gGradientNorm;

    /** Updates skipped as gradient-norm outliers. */
    long outlierUpdates;

    /** Training iterations done. */
    public long iteration() {
        return iteration;
    }

    /** Real images shown. */
    public long nimg() {
        return nimg;
    }

    /** Iterations whose update was skipped because of non-finite values. */
    public long skippedUpdates() {
        return skippedUpdates;
    }

    /** Ticks completed. */
    /** Updates skipped because their gradient norm was an outlier. */
    public long outlierUpdates() {
        return outlierUpdates;
    }

    public long ticks() {
        return ticks;
    }

    /** Seconds spent training, over all sessions. */
    public double trainingSeconds() {
        return trainingSeconds;
    }
}
