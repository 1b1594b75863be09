package io.pggan.examples.study;

import ai.djl.ndarray.NDManager;
import io.pggan.agecnn.AgeCnnPredictor;
import io.pggan.gan.Pggan;
import io.pggan.latent.labeling.LatentLabeler;

/** Sampled latents labelled with the age CNN (in shards, so a stopped run resumes). */
public final class LabelStage implements Stage {
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
                    .seed(plan.seed() + 13)
                    .batchSize(64)
                    .shardSize(Math.max(1000, samples / 10))
                    .build()
                    .label(study.layout().labelledLatents(), mgr, study.generator(gan), predictor);
        }
    }
}
