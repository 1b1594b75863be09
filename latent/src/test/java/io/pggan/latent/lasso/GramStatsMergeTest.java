package io.pggan.latent.lasso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Statistics accumulated in parts (as a Spark job does) and merged give LassoCv's own fit. */
class GramStatsMergeTest {
    @Test
    void statisticsAccumulatedInPartsGiveTheSameCrossValidatedFit() {
        int n = 600;
        int p = 12;
        Random rnd = new Random(4);
        double[][] x = new double[n][p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = 3 + rnd.nextGaussian();
            }
            y[i] = 100 + 2 * x[i][0] - 1.5 * x[i][3] + 0.5 * rnd.nextGaussian();
        }
        LassoCv cv = LassoCv.builder().folds(5).nAlphas(20).shuffleSeed(9L).build();
        int[] fold = cv.foldIds(n);
        LassoCvResult direct = cv.fit(Design.of(x), y, fold);

        double[] shiftX = LassoInputs.columnMeans(Design.of(x));
        double shiftY = 0;
        for (double v : y) {
            shiftY += v;
        }
        shiftY /= n;
        // three "partitions" of uneven size, each with its own per-fold statistics
        int[] cuts = {0, 170, 455, n};
        GramStats[] merged = null;
        for (int part = 0; part < 3; part++) {
            GramStats[] local = new GramStats[5];
            for (int f = 0; f < 5; f++) {
                local[f] = new GramStats(p);
            }
            for (int i = cuts[part]; i < cuts[part + 1]; i++) {
                double[] u = new double[p];
                for (int j = 0; j < p; j++) {
                    u[j] = x[i][j] - shiftX[j];
                }
                local[fold[i]].addBlock(new double[][] {u}, new double[] {y[i] - shiftY}, 1);
            }
            if (merged == null) {
                merged = local;
            } else {
                for (int f = 0; f < 5; f++) {
                    merged[f].merge(local[f]);
                }
            }
        }
        LassoCvResult parts = cv.fit(merged, shiftX, shiftY);

        assertThat(parts.alphas()).containsExactly(direct.alphas(), within(1e-12));
        for (int a = 0; a < direct.alphas().length; a++) {
            assertThat(parts.msePath()[a]).containsExactly(direct.msePath()[a], within(1e-9));
        }
        assertThat(parts.selectedIndex()).isEqualTo(direct.selectedIndex());
        assertThat(parts.model().coef()).containsExactly(direct.model().coef(), within(1e-9));
        assertThat(parts.model().intercept()).isCloseTo(direct.model().intercept(), within(1e-9));
        assertThat(parts.model().coef()[0]).isCloseTo(2.0, within(0.2));
    }

    @Test
    void refusesEmptyFoldsAndMismatchedShapes() {
        LassoCv cv = LassoCv.builder().folds(2).build();
        GramStats a = new GramStats(3);
        a.addBlock(new double[][] {{1, 2, 3}}, new double[] {1}, 1);
        assertThatThrownBy(() -> cv.fit(new GramStats[] {a, new GramStats(3)}, new double[3], 0))
                .hasMessageContaining("fold 1 has no rows");
        assertThatThrownBy(() -> cv.fit(new GramStats[] {a, a}, new double[2], 0))
                .hasMessageContaining("shift has 2 values");
        assertThatThrownBy(() -> a.merge(new GramStats(4)))
                .hasMessageContaining("4 columns into 3");
    }
}
