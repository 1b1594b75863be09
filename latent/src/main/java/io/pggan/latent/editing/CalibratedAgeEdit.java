package io.pggan.latent.editing;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.latent.axis.AgeAxis;
import io.pggan.model.AgePredictor;
import io.pggan.model.LatentGenerator;
import java.util.Locale;

/** {@link AgeEdit#calibrated}: the step along the axis is searched with the CNN. */
final class CalibratedAgeEdit implements AgeEdit {
    private final AgeAxis axis;
    private final LatentGenerator generator;
    private final AgePredictor predictor;
    private final double maxUnits;
    private final int gridSteps;

    CalibratedAgeEdit(
            AgeAxis axis,
            LatentGenerator generator,
            AgePredictor predictor,
            double maxUnits,
            int gridSteps) {
        if (!(maxUnits > 0) || gridSteps < 1) {
            throw new IllegalArgumentException(
                    "maxUnits must be > 0 and gridSteps >= 1, got " + maxUnits + ", " + gridSteps);
        }
        if (!axis.modelId().equals(generator.modelId())) {
            throw new IllegalArgumentException(
                    "the axis belongs to model '"
                            + axis.modelId()
                            + "', not to '"
                            + generator.modelId()
                            + "'");
        }
        this.axis = axis;
        this.generator = generator;
        this.predictor = predictor;
        this.maxUnits = maxUnits;
        this.gridSteps = gridSteps;
    }

    @Override
    public float[] edit(float[] latent, double deltaMonths) {
        if (deltaMonths == 0) {
            return latent.clone();
        }
        double sign = Math.signum(deltaMonths) * Math.signum(axis.monthsPerUnit());
        int dim = latent.length;
        double[] d = axis.direction();
        int k = gridSteps + 1;
        float[] flat = new float[k * dim];
        for (int s = 0; s < k; s++) {
            double t = sign * maxUnits * s / gridSteps;
            for (int j = 0; j < dim; j++) {
                flat[s * dim + j] = (float) (latent[j] + t * d[j]);
            }
        }
        float[] ages;
        try (NDManager m = NDManager.newBaseManager()) {
            ages = predictor.predictMonths(generator.generate(m.create(flat, new Shape(k, dim))));
        }
        double want = Math.abs(deltaMonths);
        double dir = Math.signum(deltaMonths);
        int bestStep = 0;
        double bestGain = 0;
        double step = Double.NaN;
        for (int s = 1; s < k; s++) {
            double gain = dir * (ages[s] - ages[0]);
            double previous = dir * (ages[s - 1] - ages[0]);
            if (gain >= want) {
                double f = gain > previous ? (want - previous) / (gain - previous) : 1;
                step = (s - 1 + Math.max(0, Math.min(1, f))) / gridSteps;
                break;
            }
            if (gain > bestGain) {
                bestGain = gain;
                bestStep = s;
            }
        }
        if (Double.isNaN(step)) {
            step = (double) bestStep / gridSteps;
        }
        double t = sign * maxUnits * step;
        float[] out = new float[dim];
        for (int j = 0; j < dim; j++) {
            out[j] = (float) (latent[j] + t * d[j]);
        }
        return out;
    }

    @Override
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%s axis of model %s, step searched with the CNN up to %.2f units (%d steps)",
                axis.method(),
                axis.modelId(),
                maxUnits,
                gridSteps);
    }
}
