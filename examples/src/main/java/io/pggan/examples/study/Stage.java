package io.pggan.examples.study;

/**
 * One step of the study. A stage reads what earlier stages wrote through {@link StudyContext} and
 * {@link RunLayout}, writes its own outputs atomically, and is then marked finished ({@code
 * stages/<name>.json}) by the {@link StudyPipeline}, so a rerun skips it. A stage stopped half-way
 * runs again from its start (the GAN trainer and the labeller resume from what they saved).
 *
 * <p>A new stage is one class implementing this interface plus one line in {@link
 * StudyPipeline#standardStages()}.
 */
public interface Stage {
    /** The stage's name: its marker file, its log lines, its row in the report's timings. */
    String name();

    /** Whether the plan asks for this stage (a stage that is not enabled is passed over). */
    default boolean enabled(StudyPlan plan) {
        return true;
    }

    /** Does the stage's work. */
    void run(StudyContext study) throws Exception;

    /** A stage's work as a lambda. */
    @FunctionalInterface
    interface Work {
        /** Does it. */
        void run(StudyContext study) throws Exception;
    }

    /** A stage made of a name and its work (for a small pipeline of one's own). */
    static Stage of(String name, Work work) {
        return new Stage() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(StudyContext study) throws Exception {
                work.run(study);
            }
        };
    }
}
