package io.pggan.examples.study;

import io.pggan.agecnn.AgeDataset;
import io.pggan.agecnn.AgeDatasets;
import io.pggan.agecnn.AgeEvaluation;
import io.pggan.agecnn.AgeRegressor;
import io.pggan.agecnn.TrainingCurves;
import io.pggan.agecnn.TrainingHistory;
import io.pggan.agecnn.training.Augmentation;
import io.pggan.data.Bilinear;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.data.rsna.RsnaDataset;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.io.Csv;
import io.pggan.io.Json;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bone-age Xception, trained on the training images bilinearly upsampled to its input. It is
 * trained before the GAN so that FID and KID in its feature space can be tracked during GAN
 * training (the study's Fig. 2).
 */
public final class AgeCnnStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(AgeCnnStage.class);

    @Override
    public String name() {
        return "agecnn";
    }

    @Override
    public void run(StudyContext study) throws Exception {
        StudyPlan plan = study.plan();
        AgeCnnPlan cnn = plan.ageCnn();
        RunLayout layout = study.layout();
        int res = study.resolution();
        TrainingLabels labels = study.trainingLabels();
        AgeDataset train;
        try (MultiResolutionStore store = study.store()) {
            int n = store.size();
            float[] images = new float[n * res * res];
            for (int i = 0; i < n; i++) {
                System.arraycopy(store.image(i, res), 0, images, i * res * res, res * res);
            }
            train = upsampled(images, n, labels.ages(), res, plan.cnnInput());
        }
        AgeDataset validation;
        AgeDataset test;
        if (plan.data().rsna() == null) {
            HandPhantoms p = study.phantoms();
            validation =
                    upsampled(AgeDatasets.phantoms(p, 1_000_000, cnn.validation(), true), plan);
            test = upsampled(AgeDatasets.phantoms(p, 2_000_000, cnn.test(), true), plan);
        } else {
            RsnaDataset.Split split = study.rsnaSplit();
            validation =
                    upsampled(
                            AgeDatasets.rsna(
                                    StudyContext.first(split.validation(), cnn.validation()), true),
                            plan);
            test =
                    upsampled(
                            AgeDatasets.rsna(StudyContext.first(split.test(), cnn.test()), true),
                            plan);
        }
        try (AgeRegressor model =
                AgeRegressor.builder()
                        .widthMultiplier(cnn.width())
                        .useSex(false)
                        .epochs(cnn.epochs())
                        .batchSize(cnn.batch())
                        .learningRate((float) cnn.learningRate())
                        .augmentation(
                                cnn.augmentation()
                                        ? Augmentation.radiographDefaults()
                                        : Augmentation.none())
                        .patience(Math.max(3, cnn.epochs() / 3))
                        .timeLimitMinutes(cnn.minutes())
                        .seed(plan.seed())
                        .progressBar(true)
                        .build()) {
            TrainingHistory history =
                    model.fit(train, validation, List.of(e -> LOG.info("age CNN {}", e)));
            TrainingCurves.writePng(history, layout.ageCnnCurve(), "Age CNN: MAE per epoch");
            float[] predicted = model.predict(test);
            AgeEvaluation eval = AgeEvaluation.of(predicted, test.ages());
            LOG.info("age CNN on {} test images:\n{}", test.size(), eval.describe());
            Csv.Table csv = Csv.table("index", "true_months", "predicted_months");
            for (int i = 0; i < predicted.length; i++) {
                csv.row(i, test.age(i), predicted[i]);
            }
            csv.write(layout.ageCnnTestPredictions());
            Json.write(layout.ageCnnHistory(), history);
            Json.write(layout.ageCnnEvaluation(), eval);
            model.save(layout.ageCnnModel());
        }
    }

    /**
     * A dataset at the CNN's input size from images at the GAN's resolution, clipped to [-1, 1].
     */
    private static AgeDataset upsampled(float[] images, int n, float[] ages, int res, int side) {
        float[] up = Bilinear.resize(images, n, res, res, side, side);
        for (int i = 0; i < up.length; i++) {
            up[i] = Math.max(-1f, Math.min(1f, up[i]));
        }
        return AgeDataset.of(up, 1, side, side, ages, null);
    }

    private static AgeDataset upsampled(AgeDataset d, StudyPlan plan) {
        int per = d.imageLength();
        float[] images = new float[d.size() * per];
        for (int i = 0; i < d.size(); i++) {
            d.copyImage(i, images, i * per);
        }
        return upsampled(images, d.size(), d.ages(), plan.data().resolution(), plan.cnnInput());
    }
}
