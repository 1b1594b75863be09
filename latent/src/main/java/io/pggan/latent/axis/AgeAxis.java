package io.pggan.latent.axis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.io.Json;
import io.pggan.latent.lasso.ErrorSummary;
import io.pggan.model.LatentGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A direction in a generator's latent space along which the predicted age changes, calibrated in
 * months: {@code age(z) ~ intercept + monthsPerUnit * (z . direction)}. Saved as readable JSON that
 * names the generator it belongs to; loading it for another generator fails.
 *
 * @param schema file format version (1)
 * @param modelId the generator's {@link LatentGenerator#modelId()}
 * @param latentDim the generator's latent size
 * @param method how the direction was found ({@link AxisMethod#name()}, e.g. {@code LASSO_CV})
 * @param direction unit vector, oriented so that age increases along it
 * @param monthsPerUnit predicted months gained per unit step along the direction
 * @param intercept predicted months at projection 0
 * @param conditionedOn names of directions projected out of this one
 * @param alpha LASSO penalty (LASSO_CV only, else 0)
 * @param nonZero nonzero coefficients of the linear model (LASSO_CV/OLS)
 * @param svmValidationAccuracy accuracy on the extreme samples held out from the SVM (else NaN)
 * @param heldOutR2 R^2 of the axis model on held-out samples
 * @param trainErrors absolute errors (months) on the training samples
 * @param testErrors absolute errors (months) on the held-out samples
 * @param testMaeOfMean held-out MAE of always predicting the training mean, for comparison
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgeAxis(
        int schema,
        String modelId,
        int latentDim,
        String method,
        double[] direction,
        double monthsPerUnit,
        double intercept,
        List<String> conditionedOn,
        double alpha,
        int nonZero,
        double svmValidationAccuracy,
        double heldOutR2,
        ErrorSummary trainErrors,
        ErrorSummary testErrors,
        double testMaeOfMean) {

    private static final ObjectMapper JSON = Json.mapper();

    public AgeAxis {
        if (direction == null || direction.length != latentDim) {
            throw new IllegalArgumentException(
                    "direction has "
                            + (direction == null ? "no" : String.valueOf(direction.length))
                            + " values but latentDim is "
                            + latentDim);
        }
        direction = direction.clone();
        conditionedOn = conditionedOn == null ? List.of() : List.copyOf(conditionedOn);
    }

    @Override
    public double[] direction() {
        return direction.clone();
    }

    /** Projection of a latent on the direction. */
    public double project(float[] z) {
        checkLatent(z);
        double s = 0;
        for (int j = 0; j < latentDim; j++) {
            s += direction[j] * z[j];
        }
        return s;
    }

    /** Predicted months of a latent by the axis model. */
    public double predictMonths(float[] z) {
        return intercept + monthsPerUnit * project(z);
    }

    /** The latent moved along the axis so that its predicted age changes by {@code deltaMonths}. */
    public float[] move(float[] z, double deltaMonths) {
        checkLatent(z);
        double step = deltaMonths / monthsPerUnit;
        float[] out = new float[latentDim];
        for (int j = 0; j < latentDim; j++) {
            out[j] = (float) (z[j] + step * direction[j]);
        }
        return out;
    }

    private void checkLatent(float[] z) {
        if (z.length != latentDim) {
            throw new IllegalArgumentException(
                    "latent has "
                            + z.length
                            + " values but the axis of model '"
                            + modelId
                            + "' has latentDim "
                            + latentDim);
        }
    }

    /** Writes readable JSON atomically (temp file in the same folder, then rename). */
    public void save(Path file) throws IOException {
        Json.write(file, this);
    }

    /** Reads an axis and refuses it unless it was made for {@code generator}. */
    public static AgeAxis load(Path file, LatentGenerator generator) throws IOException {
        return load(file, generator.modelId(), generator.latentDim());
    }

    /** Reads an axis and refuses it unless it was made for this model id and latent size. */
    public static AgeAxis load(Path file, String modelId, int latentDim) throws IOException {
        AgeAxis a;
        try {
            a = JSON.readValue(file.toFile(), AgeAxis.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": not a readable age axis: " + e.getMessage(), e);
        }
        if (a.schema() != 1) {
            throw new IOException(file + ": unsupported axis schema " + a.schema());
        }
        if (!modelId.equals(a.modelId()) || a.latentDim() != latentDim) {
            throw new IllegalArgumentException(
                    file
                            + ": this axis was found for model '"
                            + a.modelId()
                            + "' (latentDim "
                            + a.latentDim()
                            + "), not for model '"
                            + modelId
                            + "' (latentDim "
                            + latentDim
                            + "); fit a new axis for this generator");
        }
        double norm = 0;
        for (double v : a.direction) {
            if (!Double.isFinite(v)) {
                throw new IOException(file + ": direction has a non-finite value");
            }
            norm += v * v;
        }
        if (Math.abs(Math.sqrt(norm) - 1) > 1e-6 || !(Math.abs(a.monthsPerUnit()) > 0)) {
            throw new IOException(file + ": direction is not a unit vector or monthsPerUnit is 0");
        }
        return a;
    }

    /** The JSON text of this axis. */
    public String toJson() {
        return Json.write(this);
    }
}
