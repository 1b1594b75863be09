package io.pggan.examples.study;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.agecnn.AgeCnnPredictor;
import io.pggan.data.Sex;
import io.pggan.data.labels.Labels;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.examples.study.report.Charts;
import io.pggan.gan.Pggan;
import io.pggan.io.Csv;
import io.pggan.io.Json;
import io.pggan.latent.loess.Spearman;
import io.pggan.model.AgePredictor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conditional GAN judged by the study's age CNN (issue #17), on the same images: {@value
 * #PER_AGE} images generated at each requested age of 1..18 years (boys and girls alternating, the
 * same latents at every age) against the CNN's predicted age (MAE, Spearman, {@code
 * conditional/ages.png}); and whether the requested sex is recoverable: a logistic regression on
 * the CNN's features fitted on 2,000 real phantoms, scored on real phantoms rendered at the
 * requested ages and on the generated images ({@code conditional/ages.json}).
 */
public final class ConditionalAgesStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(ConditionalAgesStage.class);

    /** Requested ages: 1 to 18 years. */
    static final int YEARS = 18;

    /** Generated images per requested age (even: half boys, half girls). */
    static final int PER_AGE = 32;

    private final int perAge = PER_AGE;

    @Override
    public String name() {
        return "cgan-ages";
    }

    @Override
    public boolean enabled(StudyPlan plan) {
        return plan.gan().conditional();
    }

    static Sex sexOf(int i) {
        return i % 2 == 0 ? Sex.MALE : Sex.FEMALE;
    }

    @Override
    public void run(StudyContext study) throws Exception {
        StudyPlan plan = study.plan();
        Path out = study.layout().conditional();
        int n = YEARS * perAge;
        double[] requested = new double[n];
        double[] predicted = new double[n];
        int[] male = new int[n];
        float[][] fakeFeatures = new float[n][];
        float[][] realFeatures = new float[n][];
        double[] realPredicted = new double[n];
        HandPhantoms p = study.phantoms();
        int res = plan.data().resolution();
        try (Pggan gan = Pggan.load(ConditionalGanStage.generator(study.layout()));
                AgeCnnPredictor age = study.ageModel();
                NDManager m = NDManager.newBaseManager()) {
            for (int y = 1; y <= YEARS; y++) {
                List<Labels> labels = new ArrayList<>();
                for (int i = 0; i < perAge; i++) {
                    labels.add(Labels.of(12.0 * y, sexOf(i)));
                }
                try (NDManager step = m.newSubManager()) {
                    // the same latents at every age: only the label changes
                    NDArray raw = gan.generate(plan.seed() + 101, labels);
                    NDArray images = raw.clip(-1f, 1f);
                    AgePredictor.Prediction fake = age.predictWithFeatures(images);
                    images.close();
                    raw.close();
                    float[] real = new float[perAge * res * res];
                    for (int i = 0; i < perAge; i++) {
                        float[] px =
                                p.render(12.0 * y, sexOf(i), 7_000_000L + y * 1000L + i).pixels();
                        System.arraycopy(px, 0, real, i * res * res, res * res);
                    }
                    AgePredictor.Prediction r =
                            age.predictWithFeatures(
                                    step.create(real, new Shape(perAge, 1, res, res)));
                    for (int i = 0; i < perAge; i++) {
                        int k = (y - 1) * perAge + i;
                        requested[k] = 12.0 * y;
                        predicted[k] = fake.months()[i];
                        realPredicted[k] = r.months()[i];
                        male[k] = sexOf(i) == Sex.MALE ? 1 : 0;
                        fakeFeatures[k] = fake.features()[i];
                        realFeatures[k] = r.features()[i];
                    }
                }
                LOG.info("requested {} years: generated and scored", y);
            }
            // the classifier learns sex from real phantoms of the study's age distribution
            int nTrain = 2000;
            float[][] trainX = new float[nTrain][];
            int[] trainY = new int[nTrain];
            for (int from = 0; from < nTrain; from += 50) {
                float[] real = new float[50 * res * res];
                for (int i = 0; i < 50; i++) {
                    long idx = 8_000_000L + from + i;
                    System.arraycopy(p.render(idx).pixels(), 0, real, i * res * res, res * res);
                    trainY[from + i] = p.sex(idx) == Sex.MALE ? 1 : 0;
                }
                try (NDManager step = m.newSubManager()) {
                    float[][] f =
                            age.predictWithFeatures(step.create(real, new Shape(50, 1, res, res)))
                                    .features();
                    System.arraycopy(f, 0, trainX, from, 50);
                }
            }
            SexClassifier sex = SexClassifier.fit(trainX, trainY, 1.0, plan.seed());
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("images", n);
            s.put("perAge", perAge);
            s.put("mae", mae(requested, predicted));
            s.put("spearman", Spearman.rho(requested, predicted));
            double[] years = new double[YEARS];
            double[] meanPredicted = new double[YEARS];
            for (int k = 0; k < n; k++) {
                meanPredicted[k / perAge] += predicted[k] / perAge;
            }
            for (int y = 0; y < YEARS; y++) {
                years[y] = 12.0 * (y + 1);
            }
            s.put("spearmanOfMeans", Spearman.rho(years, meanPredicted));
            s.put("realMae", mae(requested, realPredicted));
            s.put("realSpearman", Spearman.rho(requested, realPredicted));
            s.put("sexTrainAccuracy", sex.accuracy(trainX, trainY));
            s.put("sexRealAccuracy", sex.accuracy(realFeatures, male));
            s.put("sexGeneratedAccuracy", sex.accuracy(fakeFeatures, male));
            Csv.Table csv =
                    Csv.table(
                            "requested_months", "sex", "predicted_months", "real_predicted_months");
            for (int k = 0; k < n; k++) {
                csv.row(requested[k], male[k] == 1 ? "M" : "F", predicted[k], realPredicted[k]);
            }
            csv.write(out.resolve("ages.csv"));
            XYChart c =
                    Charts.xy(
                            "Requested against predicted age",
                            "requested age (months)",
                            "CNN age (months)");
            Charts.scatter(c, "generated images", requested, predicted);
            Charts.line(c, "mean per requested age", years, meanPredicted, true);
            Charts.line(c, "identity", new double[] {0, 228}, new double[] {0, 228}, false);
            Charts.write(c, out.resolve("ages.png"));
            Json.write(out.resolve("ages.json"), s);
        }
    }

    static double mae(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s / a.length;
    }
}
