package io.pggan.examples.study;

import io.pggan.io.Csv;
import java.nio.file.Path;
import java.util.List;

/**
 * Ages and sexes of the training images, in store order: what the data stage hands on to the age
 * CNN ({@code data/labels.csv}).
 *
 * @param ages age in months of each image
 * @param sexes {@code MALE} or {@code FEMALE} of each image
 */
public record TrainingLabels(float[] ages, String[] sexes) {
    /** Checks the lengths. */
    public TrainingLabels {
        if (ages.length != sexes.length) {
            throw new IllegalArgumentException(
                    ages.length + " ages but " + sexes.length + " sexes");
        }
    }

    /** Writes them as CSV ({@code index,age_months,sex}), atomically. */
    public void write(Path file) {
        Csv.Table t = Csv.table("index", "age_months", "sex");
        for (int i = 0; i < ages.length; i++) {
            t.row(i, ages[i], sexes[i]);
        }
        t.write(file);
    }

    /** Reads what {@link #write} wrote. */
    public static TrainingLabels read(Path file) {
        List<Csv.Row> rows = Csv.read(file, "index", "age_months", "sex");
        float[] ages = new float[rows.size()];
        String[] sexes = new String[rows.size()];
        for (int i = 0; i < ages.length; i++) {
            Csv.Row r = rows.get(i);
            try {
                ages[i] = Float.parseFloat(r.get("age_months"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(r.where() + ": age_months is not a number", e);
            }
            sexes[i] = r.get("sex");
        }
        return new TrainingLabels(ages, sexes);
    }
}
