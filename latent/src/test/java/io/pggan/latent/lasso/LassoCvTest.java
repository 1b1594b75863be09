package io.pggan.latent.lasso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LassoCvTest {

    private static double[][] gaussian(int n, int p, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void foldsAreContiguousLikeKFold() {
        int[] ids = LassoCv.builder().folds(3).build().foldIds(8);
        assertThat(ids).containsExactly(0, 0, 0, 1, 1, 1, 2, 2);
        int[] shuffled = LassoCv.builder().folds(3).shuffleSeed(5L).build().foldIds(8);
        assertThat(shuffled).containsExactlyInAnyOrder(0, 0, 0, 1, 1, 1, 2, 2);
        assertThat(shuffled).isNotEqualTo(ids);
    }

    @Test
    void badInputsGetClearErrors() {
        LassoCv cv = LassoCv.builder().build();
        double[][] x = gaussian(30, 3, 1);
        x[4][2] = Double.NaN;
        assertThatThrownBy(() -> cv.fit(Design.of(x), new double[30]))
                .hasMessageContaining("row 4, column 2");
        double[] y = new double[30];
        y[3] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> cv.fit(Design.of(gaussian(30, 3, 1)), y))
                .hasMessageContaining("row 3");
        assertThatThrownBy(() -> cv.fit(Design.of(gaussian(7, 3, 1)), new double[7]))
                .hasMessageContaining("fewer samples (7) than folds (10)");
        assertThatThrownBy(() -> cv.fit(Design.of(gaussian(30, 3, 1)), new double[29]))
                .hasMessageContaining("response has 29 values but the design has 30 rows");
        assertThatThrownBy(() -> Design.of(new double[][] {{1, 2}, {3}}))
                .hasMessageContaining("row 1 has 1 columns");
        int[] folds = new int[30];
        folds[0] = 2; // folds 0 and 2 present, 1 empty
        assertThatThrownBy(() -> cv.fit(Design.of(gaussian(30, 3, 1)), new double[30], folds))
                .hasMessageContaining("fold 1 has no rows");
        assertThatThrownBy(() -> LassoCv.builder().tol(0).build()).hasMessageContaining("tol");
    }

    @Test
    void standardizationMatchesAFitOnPreScaledColumns() {
        int n = 400;
        double[][] x = gaussian(n, 5, 2);
        double[] y = new double[n];
        double[] scales = {1, 10, 0.1, 3, 1};
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 5; j++) {
                x[i][j] *= scales[j];
            }
            y[i] = 2 * x[i][0] + 0.3 * x[i][1] + 20 * x[i][2] + 0.01 * i % 3;
        }
        double[][] xs = new double[n][5];
        double[] sd = new double[5];
        for (int j = 0; j < 5; j++) {
            double m = 0;
            for (double[] r : x) {
                m += r[j];
            }
            m /= n;
            double v = 0;
            for (double[] r : x) {
                v += (r[j] - m) * (r[j] - m);
            }
            sd[j] = Math.sqrt(v / n);
            for (int i = 0; i < n; i++) {
                xs[i][j] = x[i][j] / sd[j];
            }
        }
        LassoCv plain = LassoCv.builder().tol(1e-12).maxIter(100000).build();
        LassoModel onScaled = plain.fitAt(Design.of(xs), y, 0.05);
        LassoModel standardized =
                plain.toBuilder().standardize(true).build().fitAt(Design.of(x), y, 0.05);
        for (int j = 0; j < 5; j++) {
            assertThat(standardized.coef()[j] * sd[j]).isCloseTo(onScaled.coef()[j], within(1e-8));
        }
        assertThat(standardized.intercept()).isCloseTo(onScaled.intercept(), within(1e-8));
    }

    @Test
    void oneStandardErrorRuleChoosesASparserModel() {
        int n = 600;
        double[][] x = gaussian(n, 20, 3);
        Random r = new Random(4);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = x[i][0] - 0.5 * x[i][1] + 0.2 * x[i][2] + r.nextGaussian();
        }
        LassoCv cv = LassoCv.builder().selection(LassoCv.Selection.ONE_SE).build();
        LassoCvResult res = cv.fit(Design.of(x), y);
        assertThat(res.selectedIndex()).isEqualTo(res.indexOneSe());
        assertThat(res.indexOneSe()).isLessThanOrEqualTo(res.indexMin());
        assertThat(res.meanMse()[res.indexOneSe()])
                .isLessThanOrEqualTo(res.meanMse()[res.indexMin()] + res.seMse()[res.indexMin()]);
        assertThat(res.model().alpha()).isEqualTo(res.alphaOneSe());
        LassoModel atMin = cv.fitAt(Design.of(x), y, res.alphaMin());
        assertThat(res.model().nonZero()).isLessThanOrEqualTo(atMin.nonZero());
        assertThat(res.msePath()).hasDimensions(100, 10);
    }

    @Test
    void floatDesignAndMultipleThreadsGiveTheSameAnswer() {
        int n = 500;
        double[][] x = gaussian(n, 12, 5);
        float[][] xf = new float[n][12];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 12; j++) {
                xf[i][j] = (float) x[i][j];
                x[i][j] = xf[i][j];
            }
            y[i] = 3 * x[i][4] + Math.sin(i);
        }
        LassoCvResult a = LassoCv.builder().build().fit(Design.of(x), y);
        LassoCvResult b = LassoCv.builder().threads(2).build().fit(Design.of(xf), y);
        assertThat(b.meanMse()).containsExactly(a.meanMse(), within(1e-9));
        assertThat(b.model().coef()).containsExactly(a.model().coef(), within(1e-9));
    }

    @Test
    void holdOutReportsTrainAndTestErrorsAgainstTheMeanPredictor() {
        int n = 800;
        double[][] x = gaussian(n, 10, 8);
        Random r = new Random(9);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 120 + 30 * x[i][2] - 10 * x[i][7] + 5 * r.nextGaussian();
        }
        LassoHoldOut h = LassoCv.builder().build().fitHoldOut(Design.of(x), y, 0.2, 1);
        assertThat(h.train().n()).isEqualTo(640);
        assertThat(h.test().n()).isEqualTo(160);
        // noise sd 5: MAE about 5 * sqrt(2 / pi) = 4
        assertThat(h.test().mean()).isBetween(3.0, 5.0);
        assertThat(h.testOfMean().mean()).isGreaterThan(20.0);
        double[] sd = h.cv().sdMse(1);
        assertThat(sd[0]).isCloseTo(h.cv().seMse()[0] * Math.sqrt(10), within(1e-9));
        assertThatThrownBy(
                        () ->
                                LassoCv.builder()
                                        .build()
                                        .fitHoldOut(
                                                Design.of(x),
                                                y,
                                                new int[] {0, 1},
                                                new int[] {1},
                                                null))
                .hasMessageContaining("row 1 is listed twice");
    }

    @Test
    void configRoundTripsThroughJson() throws Exception {
        LassoCv cv =
                LassoCv.builder()
                        .folds(5)
                        .tol(1e-6)
                        .standardize(true)
                        .selection(LassoCv.Selection.ONE_SE)
                        .build();
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(cv);
        assertThat(text).contains("\"folds\":5").contains("\"selection\":\"ONE_SE\"");
        LassoCv back = json.readValue(text, LassoCv.class);
        assertThat(back.folds()).isEqualTo(5);
        assertThat(back.tol()).isEqualTo(1e-6);
        assertThat(back.standardize()).isTrue();
        assertThat(back.selection()).isEqualTo(LassoCv.Selection.ONE_SE);
    }
}
