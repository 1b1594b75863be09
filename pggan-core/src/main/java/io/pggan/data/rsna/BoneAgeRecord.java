package io.pggan.data.rsna;

import io.pggan.data.Sex;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One radiograph of the RSNA Bone Age set.
 *
 * @param id the image id from the CSV (the file is {@code <id>.png})
 * @param ageMonths bone age in months, {@link Double#NaN} for the test CSV (which has no ages)
 * @param sex the patient's sex
 * @param image the image file
 */
public record BoneAgeRecord(String id, double ageMonths, Sex sex, Path image) {
    /** Checks the fields are present. */
    public BoneAgeRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(image, "image");
    }

    /** Whether the record has a bone age (training and validation CSVs do, test does not). */
    public boolean hasAge() {
        return !Double.isNaN(ageMonths);
    }
}
