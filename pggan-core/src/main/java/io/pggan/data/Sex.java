package io.pggan.data;

/** Sex of the patient (RSNA's {@code male} column), a covariate of bone age. */
public enum Sex {
    MALE,
    FEMALE;

    /** 1 for male, 0 for female: the encoding the RSNA CSV and the age CNN's sex input use. */
    public float asFloat() {
        return this == MALE ? 1f : 0f;
    }
}
