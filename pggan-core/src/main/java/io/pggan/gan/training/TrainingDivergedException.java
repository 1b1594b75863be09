package io.pggan.gan.training;

/** Training produced non-finite losses or gradients for too many consecutive iterations. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened and where the last good checkpoint is
     */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
