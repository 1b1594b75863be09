package io.pggan.examples.study;

import ai.djl.ndarray.NDManager;
import io.pggan.agecnn.AgeCnnPredictor;
import io.pggan.gan.Pggan;
import io.pggan.latent.labeling.LatentLabeler;

/** Sampled latents labelled with the age CNN (in shards, so a stopped run resumes). */
public final class LabelStage implements Stage {
    /** Latents per batch. */
    static final int BATCH = 64;

    /** The labelling seed of a plan. */
    static long seed(StudyPlan plan) {
        return plan.seed() + 13;
    }

    /** Latents per shard (per Spark partition with {@code --spark}). */
    static int shardSize(StudyPlan plan) {
        return Math.max(1000, plan.latent().labelSamples() / 10);
    }

    @Override
    public String name() {
        return "label";
    }

    @Override
    public void run(StudyContext study) throws Exception {
        StudyPlan plan = study.plan();
        int samples = plan.latent().labelSamples();
        try (Pggan gan = study.loadGan();
                AgeCnnPredictor predictor = study.ageModel();
                NDManager mgr = NDManager.newBaseManager()) {
            LatentLabeler.builder()
                    .samples(samples)
                    .seed(seed(plan))
                    .batchSize(BATCH)
                    .shardSize(shardSize(plan))
                    .build()
                    .label(study.layout().labelledLatents(), mgr, study.generator(gan), predictor);
        }
    }
}
