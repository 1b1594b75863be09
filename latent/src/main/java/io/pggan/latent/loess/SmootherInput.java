package io.pggan.latent.loess;

/** Shared argument checks of the smoothers. */
final class SmootherInput {
    private SmootherInput() {}

    static void check(double[] x, double[] y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("x and y must not be null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "x has " + x.length + " values but y has " + y.length);
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("need at least 2 points, got " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("x[" + i + "] is " + x[i]);
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y[" + i + "] is " + y[i]);
            }
        }
    }
}
