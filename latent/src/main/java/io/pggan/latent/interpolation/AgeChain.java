package io.pggan.latent.interpolation;

import java.util.ArrayList;
import java.util.List;

/**
 * The study's aging sequence: start at a sampled latent predicted to be a young child, then
 * repeatedly step to the nearest (Euclidean) sampled latent predicted about {@code stepMonths}
 * older, until no such latent exists or the age limit is reached. Frames are interpolated between
 * successive keys with {@link Interpolation#path}.
 */
public final class AgeChain {
    private final double startMinMonths;
    private final double startMaxMonths;
    private final double stepMonths;
    private final double stepTolerance;
    private final double maxMonths;
    private final int maxSteps;

    private AgeChain(Builder b) {
        this.startMinMonths = b.startMinMonths;
        this.startMaxMonths = b.startMaxMonths;
        this.stepMonths = b.stepMonths;
        this.stepTolerance = b.stepTolerance;
        this.maxMonths = b.maxMonths;
        this.maxSteps = b.maxSteps;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Chooses the key latents.
     *
     * @param latents labelled pool {@code [n][dim]}
     * @param months predicted age of each
     * @return indices into the pool, in order of increasing age
     */
    public List<Integer> keys(float[][] latents, double[] months) {
        if (latents.length != months.length || latents.length == 0) {
            throw new IllegalArgumentException(
                    latents.length
                            + " latents but "
                            + months.length
                            + " ages (need the same, > 0)");
        }
        int n = latents.length;
        // start: the candidate closest to the middle of the start range
        double mid = 0.5 * (startMinMonths + startMaxMonths);
        int start = -1;
        for (int i = 0; i < n; i++) {
            if (months[i] >= startMinMonths && months[i] <= startMaxMonths) {
                if (start < 0 || Math.abs(months[i] - mid) < Math.abs(months[start] - mid)) {
                    start = i;
                }
            }
        }
        if (start < 0) {
            throw new IllegalStateException(
                    "no sampled latent is predicted between "
                            + startMinMonths
                            + " and "
                            + startMaxMonths
                            + " months; sample more latents");
        }
        List<Integer> keys = new ArrayList<>();
        boolean[] used = new boolean[n];
        int cur = start;
        keys.add(cur);
        used[cur] = true;
        while (keys.size() <= maxSteps) {
            double target = months[cur] + stepMonths;
            if (target > maxMonths) {
                break;
            }
            int best = -1;
            double bestDist = Double.POSITIVE_INFINITY;
            float[] zc = latents[cur];
            for (int i = 0; i < n; i++) {
                if (used[i] || Math.abs(months[i] - target) > stepTolerance) {
                    continue;
                }
                double d = 0;
                float[] zi = latents[i];
                for (int j = 0; j < zc.length && d < bestDist; j++) {
                    double t = zi[j] - zc[j];
                    d += t * t;
                }
                if (d < bestDist) {
                    bestDist = d;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            keys.add(best);
            used[best] = true;
            cur = best;
        }
        return keys;
    }

    /** Builder; defaults follow the study (3-4 years, steps of about 2 years). */
    public static final class Builder {
        private double startMinMonths = 36;
        private double startMaxMonths = 48;
        private double stepMonths = 24;
        private double stepTolerance = 6;
        private double maxMonths = 228;
        private int maxSteps = 12;

        private Builder() {}

        public Builder startMonths(double min, double max) {
            startMinMonths = min;
            startMaxMonths = max;
            return this;
        }

        public Builder stepMonths(double v) {
            stepMonths = v;
            return this;
        }

        /** Accept a next key whose age is within this many months of the step target. */
        public Builder stepTolerance(double v) {
            stepTolerance = v;
            return this;
        }

        public Builder maxMonths(double v) {
            maxMonths = v;
            return this;
        }

        public Builder maxSteps(int v) {
            maxSteps = v;
            return this;
        }

        public AgeChain build() {
            if (!(startMinMonths <= startMaxMonths)) {
                throw new IllegalArgumentException("start range is empty");
            }
            if (!(stepMonths > 0) || !(stepTolerance >= 0) || maxSteps < 1) {
                throw new IllegalArgumentException(
                        "stepMonths must be > 0, stepTolerance >= 0 and maxSteps >= 1");
            }
            return new AgeChain(this);
        }
    }
}
