package io.pggan.latent.interpolation;

import io.pggan.latent.axis.AgeAxis;
import java.util.ArrayList;
import java.util.List;

/** Paths between latents: linear, spherical (slerp), and along an age axis. */
public final class Interpolation {
    private Interpolation() {}

    /** How to blend two latents. */
    public enum Kind {
        /** {@code (1 - t) a + t b}. */
        LINEAR,
        /**
         * Spherical: constant angular speed on the great circle through a and b, with the norm
         * interpolated linearly; keeps Gaussian latents at a typical radius. Falls back to linear
         * for (anti)parallel vectors.
         */
        SPHERICAL
    }

    /** Linear interpolation at {@code t} in [0, 1]. */
    public static float[] lerp(float[] a, float[] b, double t) {
        checkSameLength(a, b);
        float[] out = new float[a.length];
        for (int j = 0; j < a.length; j++) {
            out[j] = (float) ((1 - t) * a[j] + t * b[j]);
        }
        return out;
    }

    /** Spherical interpolation at {@code t} in [0, 1]. */
    public static float[] slerp(float[] a, float[] b, double t) {
        checkSameLength(a, b);
        double na = 0;
        double nb = 0;
        double ab = 0;
        for (int j = 0; j < a.length; j++) {
            na += (double) a[j] * a[j];
            nb += (double) b[j] * b[j];
            ab += (double) a[j] * b[j];
        }
        na = Math.sqrt(na);
        nb = Math.sqrt(nb);
        if (na == 0 || nb == 0) {
            return lerp(a, b, t);
        }
        double cos = Math.max(-1, Math.min(1, ab / (na * nb)));
        double omega = Math.acos(cos);
        double sin = Math.sin(omega);
        if (sin < 1e-6) {
            return lerp(a, b, t);
        }
        double wa = Math.sin((1 - t) * omega) / sin;
        double wb = Math.sin(t * omega) / sin;
        // unit-sphere slerp of the directions, radius blended linearly
        double radius = (1 - t) * na + t * nb;
        float[] out = new float[a.length];
        for (int j = 0; j < a.length; j++) {
            out[j] = (float) (radius * (wa * a[j] / na + wb * b[j] / nb));
        }
        return out;
    }

    /** One blend of the given kind. */
    public static float[] blend(float[] a, float[] b, double t, Kind kind) {
        return kind == Kind.LINEAR ? lerp(a, b, t) : slerp(a, b, t);
    }

    /**
     * A path through key latents: {@code framesPerStep} frames from each key towards the next (the
     * key itself first), then the last key; {@code (keys - 1) * framesPerStep + 1} frames.
     */
    public static List<float[]> path(List<float[]> keys, int framesPerStep, Kind kind) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no key latents");
        }
        if (framesPerStep < 1) {
            throw new IllegalArgumentException("framesPerStep must be >= 1, got " + framesPerStep);
        }
        List<float[]> out = new ArrayList<>();
        for (int k = 0; k + 1 < keys.size(); k++) {
            for (int f = 0; f < framesPerStep; f++) {
                out.add(blend(keys.get(k), keys.get(k + 1), (double) f / framesPerStep, kind));
            }
        }
        out.add(keys.get(keys.size() - 1).clone());
        return out;
    }

    /**
     * {@code frames} latents moving {@code z} along the axis from {@code fromMonths} to {@code
     * toMonths} (relative to z's own predicted age), both ends included.
     */
    public static List<float[]> alongAxis(
            AgeAxis axis, float[] z, double fromMonths, double toMonths, int frames) {
        if (frames < 2) {
            throw new IllegalArgumentException("frames must be >= 2, got " + frames);
        }
        List<float[]> out = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            double months = fromMonths + (toMonths - fromMonths) * f / (frames - 1);
            out.add(axis.move(z, months));
        }
        return out;
    }

    private static void checkSameLength(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "latents have different sizes: " + a.length + " and " + b.length);
        }
    }
}
