package io.pggan.examples.study;

import io.pggan.gan.Pggan;
import io.pggan.gan.PgganLatentGenerator;
import io.pggan.io.Csv;
import io.pggan.io.Json;
import io.pggan.latent.axis.AgeAxis;
import io.pggan.latent.axis.AxisMethod;
import io.pggan.latent.axis.LassoCvAxis;
import io.pggan.latent.axis.LatentAxisFinder;
import io.pggan.latent.axis.OlsAxis;
import io.pggan.latent.labeling.LabelSet;
import io.pggan.latent.lasso.Design;
import io.pggan.latent.lasso.LassoCv;
import io.pggan.latent.lasso.LassoHoldOut;
import io.pggan.latent.lasso.LassoModel;
import io.pggan.random.Permutation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LASSO with 10-fold CV of the CNN's age on the latent vector: the age axis (on all samples), and
 * Fig. 3a (a LASSO-CV fitted on 80 % of the samples, judged on the other 20 %).
 */
public final class AxisStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(AxisStage.class);

    private final java.util.function.Function<LassoCv, AxisMethod> lassoCvAxis;

    /** The stage with the axis's LASSO-CV in this JVM ({@link LassoCvAxis}). */
    public AxisStage() {
        this(LassoCvAxis::new);
    }

    /**
     * The stage with another implementation of the same LASSO-CV axis (e.g. the spark module's,
     * which runs the data pass on a cluster and finds the same direction).
     */
    public AxisStage(java.util.function.Function<LassoCv, AxisMethod> lassoCvAxis) {
        this.lassoCvAxis = lassoCvAxis;
    }

    @Override
    public String name() {
        return "axis";
    }

    @Override
    public void run(StudyContext study) throws Exception {
        StudyPlan plan = study.plan();
        RunLayout layout = study.layout();
        try (Pggan gan = study.loadGan()) {
            PgganLatentGenerator g = study.generator(gan);
            LabelSet labels = LabelSet.open(layout.labelledLatents(), g);
            float[][] z = labels.latents();
            double[] months = labels.months();
            LassoCv cv = LassoCv.builder().folds(10).build();
            AgeAxis axis;
            try {
                axis = finder(g, lassoCvAxis.apply(cv), plan.seed()).fit(z, months);
            } catch (IllegalStateException e) {
                // A barely trained GAN can give ages the LASSO cannot predict at all (every
                // coefficient 0): least squares still gives the best linear direction.
                LOG.warn("{}; falling back to least squares", e.getMessage());
                axis = finder(g, new OlsAxis(), plan.seed()).fit(z, months);
            }
            axis.save(layout.ageAxis());
            LOG.info(
                    "age axis: held-out R2 {}, test MAE {} months (mean predictor {})",
                    axis.heldOutR2(),
                    axis.testErrors().mean(),
                    axis.testMaeOfMean());
            // Fig. 3a: the first fifth of a seeded permutation held out.
            int n = z.length;
            int[] perm = Permutation.of(n, plan.seed() + 19);
            int nTest = Math.max(1, n / 5);
            Design x = Design.of(z);
            LassoHoldOut fit =
                    cv.fitHoldOut(
                            x,
                            months,
                            Arrays.copyOfRange(perm, nTest, n),
                            Arrays.copyOfRange(perm, 0, nTest),
                            null);
            LassoModel model = fit.cv().model();
            Csv.Table csv = Csv.table("sample", "split", "cnn_months", "lasso_months");
            double[] row = new double[x.cols()];
            for (int i = 0; i < n; i++) {
                int s = perm[i];
                x.row(s, row);
                csv.row(s, i < nTest ? "test" : "train", months[s], model.predict(row));
            }
            csv.write(layout.lassoPredictions());
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("samples", n);
            summary.put("alpha", fit.cv().selectedAlpha());
            summary.put("nonZero", model.nonZero());
            summary.put("trainErrors", fit.train());
            summary.put("testErrors", fit.test());
            summary.put("axisMethod", axis.method());
            summary.put("axisHeldOutR2", axis.heldOutR2());
            summary.put("axisMonthsPerUnit", axis.monthsPerUnit());
            summary.put("axisTestMae", axis.testErrors().mean());
            summary.put("axisTestMaeOfMean", axis.testMaeOfMean());
            Json.write(layout.axisSummary(), summary);
        }
    }

    private static LatentAxisFinder finder(PgganLatentGenerator g, AxisMethod method, long seed) {
        return LatentAxisFinder.builder()
                .generator(g)
                .method(method)
                .testFraction(0.2)
                .seed(seed)
                .build();
    }
}
