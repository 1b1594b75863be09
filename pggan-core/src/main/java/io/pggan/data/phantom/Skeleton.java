package io.pggan.data.phantom;

import io.pggan.data.Sex;

/**
 * The timing of skeletal maturation used by the phantoms (phantom-hands.md): when each ossification
 * centre appears, grows, caps and fuses, for boys and girls, and how long the hand is. Ages are in
 * months; every table entry is {@code {boys, girls}}.
 */
final class Skeleton {
    private Skeleton() {}

    /** Carpal bones in order of appearance. */
    enum Carpal {
        CAPITATE(3, 2.5),
        HAMATE(4.5, 4),
        TRIQUETRUM(36, 24),
        LUNATE(48, 36),
        TRAPEZIUM(66, 48),
        TRAPEZOID(72, 54),
        SCAPHOID(72, 60),
        PISIFORM(138, 114);

        final double boys;
        final double girls;

        Carpal(double boys, double girls) {
            this.boys = boys;
            this.girls = girls;
        }

        double appears(Sex sex) {
            return sex == Sex.MALE ? boys : girls;
        }
    }

    /**
     * An epiphysis group: appears, reaches the metaphysis width (caps), starts and completes
     * fusion.
     */
    enum Epiphysis {
        RADIUS(12, 10, 156, 132, 198, 174, 216, 192),
        ULNA(78, 66, 168, 144, 192, 168, 204, 180),
        PROXIMAL_PHALANX(18, 12, 132, 114, 180, 156, 195, 171),
        METACARPAL(22, 15, 138, 120, 186, 162, 198, 174),
        MIDDLE_PHALANX(26, 16, 132, 114, 174, 150, 192, 168),
        DISTAL_PHALANX(28, 18, 132, 114, 168, 144, 186, 162),
        THUMB_METACARPAL(30, 20, 138, 120, 180, 156, 195, 171),
        THUMB_DISTAL_PHALANX(18, 12, 132, 114, 168, 144, 186, 162);

        private final double[] t;

        Epiphysis(double... t) {
            this.t = t;
        }

        double appears(Sex s) {
            return t[s == Sex.MALE ? 0 : 1];
        }

        double caps(Sex s) {
            return t[s == Sex.MALE ? 2 : 3];
        }

        double fusionStarts(Sex s) {
            return t[s == Sex.MALE ? 4 : 5];
        }

        double fused(Sex s) {
            return t[s == Sex.MALE ? 6 : 7];
        }
    }

    /** Adductor sesamoid of the thumb appears at puberty. */
    static double sesamoidAppears(Sex sex) {
        return sex == Sex.MALE ? 156 : 132;
    }

    /** Age at which the carpals reach adult size. */
    static double carpalsMature(Sex sex) {
        return sex == Sex.MALE ? 186 : 162;
    }

    private static final double[] AGES = {0, 12, 24, 48, 72, 96, 120, 144, 168, 192, 216, 240};
    private static final double[] BOYS = {62, 85, 97, 112, 124, 135, 147, 160, 175, 186, 190, 190};
    private static final double[] GIRLS = {60, 83, 95, 110, 121, 133, 146, 160, 168, 171, 172, 172};

    /** Typical hand length (wrist crease to middle fingertip) in mm. */
    static double handLengthMm(double ageMonths, Sex sex) {
        double[] v = sex == Sex.MALE ? BOYS : GIRLS;
        if (ageMonths <= 0) {
            return v[0];
        }
        for (int i = 1; i < AGES.length; i++) {
            if (ageMonths <= AGES[i]) {
                double f = (ageMonths - AGES[i - 1]) / (AGES[i] - AGES[i - 1]);
                return v[i - 1] + f * (v[i] - v[i - 1]);
            }
        }
        return v[v.length - 1];
    }

    /** Overall maturity 0 (birth) to 1 (skeletally adult). */
    static double maturity(double ageMonths, Sex sex) {
        double adult = sex == Sex.MALE ? 216 : 192;
        return Math.max(0, Math.min(1, ageMonths / adult));
    }

    /** Smooth 0-to-1 ramp of {@code x} between {@code a} and {@code b}. */
    static double smoothstep(double a, double b, double x) {
        if (x <= a) {
            return 0;
        }
        if (x >= b) {
            return 1;
        }
        double u = (x - a) / (b - a);
        return u * u * (3 - 2 * u);
    }

    /** Linear 0-to-1 ramp of {@code x} between {@code a} and {@code b}. */
    static double ramp(double a, double b, double x) {
        if (x <= a) {
            return 0;
        }
        if (x >= b) {
            return 1;
        }
        return (x - a) / (b - a);
    }
}
