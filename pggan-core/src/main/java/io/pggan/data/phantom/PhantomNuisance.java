package io.pggan.data.phantom;

import java.util.SplittableRandom;

/** A phantom's random choices that do not depend on age: pose, framing, exposure, marker. */
final class PhantomNuisance {
    double rotation;
    double spread;
    final double[] fingerJitter = new double[5];
    final double[] flexion = new double[5];
    double fovFactor;
    double offsetX;
    double offsetY;
    double forearm;
    double softThickness;
    double lo;
    double hi;
    double gamma;
    double noise;
    double blur;
    double heelAmp;
    double heelAngle;
    char marker;
    int corner;
    double markerSize;
    double markerLevel;
    double markerMargin;
    boolean collimated;
    final double[] collim = new double[4];
    double collimLevel;
    double collimTilt;

    PhantomNuisance(SplittableRandom r, Variation v) {
        double k = v == Variation.NONE ? 0 : 1;
        rotation = k * uniform(r, -15, 15);
        spread = 1 + k * uniform(r, -0.6, 0.6);
        for (int i = 0; i < 5; i++) {
            fingerJitter[i] = k * uniform(r, -3, 3);
            flexion[i] = k * uniform(r, 0, 0.55);
        }
        fovFactor = v == Variation.NONE ? 1.45 : uniform(r, 1.35, 1.9);
        offsetX = k * uniform(r, -0.06, 0.06);
        offsetY = k * uniform(r, -0.06, 0.06);
        forearm = v == Variation.NONE ? 70 : uniform(r, 25, 120);
        softThickness = v == Variation.NONE ? 1 : uniform(r, 0.75, 1.3);
        lo = v == Variation.NONE ? 0.04 : uniform(r, 0.0, 0.2);
        hi = v == Variation.NONE ? 0.92 : uniform(r, 0.72, 1.0);
        gamma = v == Variation.NONE ? 1 : StrictMath.exp(uniform(r, -0.3, 0.3));
        noise = v == Variation.NONE ? 0.008 : uniform(r, 0.004, 0.03);
        blur = v == Variation.NONE ? 0.4 : uniform(r, 0.0, 1.0);
        heelAmp = k * uniform(r, -0.06, 0.06);
        heelAngle = uniform(r, 0, 2 * StrictMath.PI);
        marker = r.nextDouble() < 0.85 ? 'L' : 'R';
        corner = r.nextInt(4);
        markerSize = uniform(r, 0.05, 0.085);
        markerLevel = uniform(r, 0.8, 1.0);
        markerMargin = uniform(r, 0.02, 0.06);
        collimated = v != Variation.NONE && r.nextDouble() < 0.3;
        for (int i = 0; i < 4; i++) {
            collim[i] = r.nextDouble() < 0.5 ? uniform(r, 0.02, 0.12) : -1;
        }
        collimLevel = uniform(r, 0.35, 0.6);
        collimTilt = uniform(r, -0.04, 0.04);
    }

    static double uniform(SplittableRandom r, double a, double b) {
        return a + (b - a) * r.nextDouble();
    }
}
