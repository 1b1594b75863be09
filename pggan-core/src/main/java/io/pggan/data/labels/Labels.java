package io.pggan.data.labels;

import io.pggan.data.Sex;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One image's label values by group name: a class name (or index) for a discrete group, a number
 * for a continuous one. Checked against a {@link LabelSpec} where it is used ({@link
 * LabelSpec#raw}).
 *
 * <pre>{@code
 * Labels tenYearOldBoy = Labels.of(120, Sex.MALE);      // age 120 months, sex M
 * Labels other = Labels.builder().put("sex", "F").put("age", 30).build();
 * }</pre>
 *
 * @param values the values by group name, in insertion order
 */
public record Labels(Map<String, Object> values) {
    /** Copies the values (kept in order). */
    public Labels {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** "This age, this sex" for {@link LabelSpec#ageAndSex()}. */
    public static Labels of(double ageMonths, Sex sex) {
        return builder()
                .put(LabelSpec.SEX, sex == Sex.MALE ? "M" : "F")
                .put(LabelSpec.AGE, ageMonths)
                .build();
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects values by name. */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder() {}

        /** A class name (discrete group) or a number written as text. */
        public Builder put(String name, String value) {
            values.put(name, value);
            return this;
        }

        /** A number (continuous group) or class index. */
        public Builder put(String name, double value) {
            values.put(name, value);
            return this;
        }

        /** The labels. */
        public Labels build() {
            return new Labels(values);
        }
    }
}
