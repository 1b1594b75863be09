package io.pggan.data.rsna;

import java.util.List;

/** The three CSV layouts of the RSNA 2017 Bone Age release, recognised from the header. */
public enum RsnaCsvFormat {
    /** {@code boneage-training-dataset.csv}: {@code id,boneage,male} (male True/False). */
    TRAINING(List.of("id", "boneage", "male"), "boneage-training-dataset"),
    /** Validation: {@code Image ID,Bone Age (months),male}. */
    VALIDATION(List.of("Image ID", "Bone Age (months)", "male"), "boneage-validation-dataset"),
    /** Test: {@code Case ID,Sex} (M/F), no ages. */
    TEST(List.of("Case ID", "Sex"), "boneage-test-dataset");

    private final List<String> header;
    private final String imageFolder;

    RsnaCsvFormat(List<String> header, String imageFolder) {
        this.header = header;
        this.imageFolder = imageFolder;
    }

    /** The exact column names. */
    public List<String> header() {
        return header;
    }

    /** The image folder name of the Kaggle release for this part. */
    public String imageFolder() {
        return imageFolder;
    }

    /** Whether the CSV has an age column. */
    public boolean hasAges() {
        return this != TEST;
    }

    /** The format whose header equals {@code columns} (trimmed), or null. */
    static RsnaCsvFormat ofHeader(List<String> columns) {
        for (RsnaCsvFormat f : values()) {
            if (f.header.equals(columns)) {
                return f;
            }
        }
        return null;
    }
}
