package io.pggan.agecnn.training;

import ai.djl.training.tracker.Tracker;

/** How the learning rate changes over a training run (updated every step). */
public enum LearningRateSchedule {
    /** The initial rate throughout. */
    CONSTANT,
    /** Cosine decay from the initial rate to 1% of it at the last step. */
    COSINE,
    /** Halved after each third of the run. */
    STEP;

    /**
     * A DJL tracker for this schedule.
     *
     * @param base the initial learning rate
     * @param totalSteps optimizer steps in the whole run
     * @return the tracker
     */
    public Tracker tracker(float base, int totalSteps) {
        int steps = Math.max(totalSteps, 1);
        switch (this) {
            case COSINE:
                return Tracker.cosine()
                        .setBaseValue(base)
                        .optFinalValue(base * 0.01f)
                        .setMaxUpdates(steps)
                        .build();
            case STEP:
                int third = Math.max(steps / 3, 1);
                return Tracker.multiFactor()
                        .setBaseValue(base)
                        .setSteps(new int[] {third, 2 * third})
                        .optFactor(0.5f)
                        .build();
            default:
                return Tracker.fixed(base);
        }
    }
}
