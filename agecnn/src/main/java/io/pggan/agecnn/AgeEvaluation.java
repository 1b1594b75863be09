package io.pggan.agecnn;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Errors of age predictions against the truth, in months.
 *
 * @param count number of images
 * @param mae mean absolute error
 * @param medianAbsoluteError median absolute error
 * @param meanError mean signed error (prediction minus truth): the bias
 * @param bands MAE per age band of the true age (0-2, 2-5, 5-8, 8-11, 11-14, 14-19 years; ages from
 *     19 years on count in the last band)
 */
public record AgeEvaluation(
        @JsonProperty("count") int count,
        @JsonProperty("mae") double mae,
        @JsonProperty("medianAbsoluteError") double medianAbsoluteError,
        @JsonProperty("meanError") double meanError,
        @JsonProperty("bands") List<BandError> bands) {
    /** Band edges in years. */
    static final int[] BAND_EDGES_YEARS = {0, 2, 5, 8, 11, 14, 19};

    public AgeEvaluation {
        bands = List.copyOf(bands);
    }

    /**
     * MAE within one band of true age.
     *
     * @param fromYears band start (inclusive)
     * @param toYears band end (exclusive, except the last band)
     * @param count images in the band
     * @param mae their mean absolute error in months (NaN when the band is empty)
     */
    public record BandError(
            @JsonProperty("fromYears") int fromYears,
            @JsonProperty("toYears") int toYears,
            @JsonProperty("count") int count,
            @JsonProperty("mae") double mae) {
        /** E.g. {@code 8-11 y}. */
        public String label() {
            return fromYears + "-" + toYears + " y";
        }
    }

    /**
     * Computes the errors.
     *
     * @param predicted predicted ages in months
     * @param truth true ages in months
     * @return the evaluation
     */
    public static AgeEvaluation of(float[] predicted, float[] truth) {
        if (predicted.length != truth.length || truth.length == 0) {
            throw new IllegalArgumentException(
                    "need as many predictions as true ages (at least one), got "
                            + predicted.length
                            + " and "
                            + truth.length);
        }
        int n = truth.length;
        double[] abs = new double[n];
        double sum = 0;
        double signed = 0;
        int bandCount = BAND_EDGES_YEARS.length - 1;
        double[] bandSum = new double[bandCount];
        int[] bandN = new int[bandCount];
        for (int i = 0; i < n; i++) {
            double e = predicted[i] - truth[i];
            abs[i] = Math.abs(e);
            sum += abs[i];
            signed += e;
            int band = bandCount - 1;
            for (int b = 0; b < bandCount; b++) {
                if (truth[i] < BAND_EDGES_YEARS[b + 1] * 12.0) {
                    band = b;
                    break;
                }
            }
            bandSum[band] += abs[i];
            bandN[band]++;
        }
        Arrays.sort(abs);
        double median = n % 2 == 1 ? abs[n / 2] : (abs[n / 2 - 1] + abs[n / 2]) / 2;
        List<BandError> bands = new ArrayList<>();
        for (int b = 0; b < bandCount; b++) {
            bands.add(
                    new BandError(
                            BAND_EDGES_YEARS[b],
                            BAND_EDGES_YEARS[b + 1],
                            bandN[b],
                            bandN[b] == 0 ? Double.NaN : bandSum[b] / bandN[b]));
        }
        return new AgeEvaluation(n, sum / n, median, signed / n, bands);
    }

    /** A small table a person can read. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        "n=%d  MAE %.2f mo  median AE %.2f mo  bias %+.2f mo%n",
                        count, mae, medianAbsoluteError, meanError));
        for (BandError band : bands) {
            b.append(
                    String.format(
                            "  %-8s n=%-5d MAE %s%n",
                            band.label(),
                            band.count(),
                            band.count() == 0 ? "-" : String.format("%.2f mo", band.mae())));
        }
        return b.toString();
    }
}
