package io.pggan.agecnn.training;

/**
 * Thrown by an {@link io.pggan.agecnn.AgeTrainingListener} to end training after the current epoch
 * (as DJL's early-stopping listener does): the model keeps its best epoch's parameters and the
 * history records an early stop.
 */
public final class TrainingStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Stops training, saying why (logged). */
    public TrainingStopped(String reason) {
        super(reason, null, false, false);
    }
}
