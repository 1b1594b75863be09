package io.pggan.examples.study;

import io.pggan.data.labels.LabelSpec;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganConfig;
import java.nio.file.Path;

/**
 * The conditional GAN (issue #17): the study's phantoms with their sex and age in a labelled store
 * ({@code conditional/data/store}), and a PGGAN conditioned on {@link LabelSpec#ageAndSex()} with
 * the study's own GAN configuration (the same CPU budget) trained on it ({@code
 * conditional/gan/generator.zip}, resumable). Runs with {@code EndToEnd --conditional}.
 */
public final class ConditionalGanStage implements Stage {
    @Override
    public String name() {
        return "cgan";
    }

    @Override
    public boolean enabled(StudyPlan plan) {
        return plan.gan().conditional();
    }

    /** The conditional model's weights. */
    static Path generator(RunLayout layout) {
        return layout.conditional().resolve("gan/generator.zip");
    }

    @Override
    public void run(StudyContext study) {
        StudyPlan plan = study.plan();
        if (plan.data().rsna() != null) {
            throw new IllegalArgumentException(
                    "--conditional runs on phantoms (the age and sex judgement renders real phantoms"
                            + " at the requested ages); this study uses RSNA "
                            + plan.data().rsna());
        }
        Path dir = study.layout().conditional();
        Path storeDir = dir.resolve("data/store");
        MultiResolutionStore.builder()
                .source(study.phantoms().asSource(plan.data().size()))
                .labels(LabelSpec.ageAndSex())
                .folder(storeDir)
                .progress(true)
                .build()
                .close();
        PgganConfig config =
                GanStage.config(plan).toBuilder().labels(LabelSpec.ageAndSex()).build();
        try (MultiResolutionStore store = MultiResolutionStore.open(storeDir, false);
                Pggan gan =
                        Pggan.builder().config(config).runDirectory(dir.resolve("gan")).build()) {
            gan.train(store);
            gan.save(generator(study.layout()));
        }
    }
}
