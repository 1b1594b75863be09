package io.pggan.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.model.AgePredictor;
import io.pggan.model.LatentGenerator;
import java.util.Random;

/**
 * A stand-in generator and age predictor whose age is a known noisy linear function of z: the image
 * encodes projections of z in pixels, the predictor reads them back. Age = 120 + 30 (z . d) + 8
 * sin(5 z . e): the noise is a nonlinear function of an independent direction, so the best linear
 * direction is d.
 */
public final class SyntheticWorld {
    public static final int SIDE = 8;

    public final int dim;
    public final double[] ageDirection;
    public final double[] noiseDirection;
    private final float[] mixing;

    public SyntheticWorld(int dim, long seed) {
        this.dim = dim;
        Random rnd = new Random(seed);
        ageDirection = unit(gaussian(rnd, dim));
        double[] e = gaussian(rnd, dim);
        double dot = 0;
        for (int j = 0; j < dim; j++) {
            dot += e[j] * ageDirection[j];
        }
        for (int j = 0; j < dim; j++) {
            e[j] -= dot * ageDirection[j];
        }
        noiseDirection = unit(e);
        // rows 0 and 1 of the mixing matrix read the two directions, the rest are random texture
        int pixels = SIDE * SIDE;
        mixing = new float[pixels * dim];
        for (int j = 0; j < dim; j++) {
            mixing[j] = (float) (0.3 * ageDirection[j]);
            mixing[dim + j] = (float) (0.3 * noiseDirection[j]);
        }
        for (int k = 2 * dim; k < mixing.length; k++) {
            mixing[k] = (float) (rnd.nextGaussian() / Math.sqrt(dim));
        }
    }

    /** The exact (noisy) age of a latent. */
    public double age(float[] z) {
        double a = 0;
        double e = 0;
        for (int j = 0; j < dim; j++) {
            a += z[j] * ageDirection[j];
            e += z[j] * noiseDirection[j];
        }
        return 120 + 30 * a + 8 * Math.sin(5 * e);
    }

    public LatentGenerator generator(String id) {
        return new LatentGenerator() {
            @Override
            public int latentDim() {
                return dim;
            }

            @Override
            public NDArray generate(NDArray z) {
                if (z.getShape().dimension() != 2 || z.getShape().get(1) != dim) {
                    throw new IllegalArgumentException(
                            "expected [n, " + dim + "], got " + z.getShape());
                }
                NDManager m = z.getManager();
                NDArray w = m.create(mixing, new Shape(SIDE * SIDE, dim));
                long n = z.getShape().get(0);
                return z.matMul(w.transpose()).tanh().reshape(n, 1, SIDE, SIDE);
            }

            @Override
            public String modelId() {
                return id;
            }
        };
    }

    public AgePredictor predictor() {
        return new AgePredictor() {
            @Override
            public float[] predictMonths(NDArray images) {
                long n = images.getShape().get(0);
                float[] px = images.reshape(n, -1).toFloatArray();
                int stride = SIDE * SIDE;
                float[] out = new float[(int) n];
                for (int i = 0; i < n; i++) {
                    double a = atanh(px[i * stride]) / 0.3;
                    double e = atanh(px[i * stride + 1]) / 0.3;
                    out[i] = (float) (120 + 30 * a + 8 * Math.sin(5 * e));
                }
                return out;
            }

            @Override
            public int featureDim() {
                return 2;
            }

            @Override
            public Prediction predictWithFeatures(NDArray images) {
                long n = images.getShape().get(0);
                float[] px = images.reshape(n, -1).toFloatArray();
                float[][] f = new float[(int) n][2];
                for (int i = 0; i < n; i++) {
                    f[i][0] = px[i * SIDE * SIDE];
                    f[i][1] = px[i * SIDE * SIDE + 1];
                }
                return new Prediction(predictMonths(images), f);
            }
        };
    }

    /** Seeded standard-normal latents. */
    public float[][] latents(int n, long seed) {
        Random rnd = new Random(seed);
        float[][] z = new float[n][dim];
        for (float[] row : z) {
            for (int j = 0; j < dim; j++) {
                row[j] = (float) rnd.nextGaussian();
            }
        }
        return z;
    }

    public static double cosine(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int j = 0; j < a.length; j++) {
            ab += a[j] * b[j];
            aa += a[j] * a[j];
            bb += b[j] * b[j];
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static double atanh(double v) {
        double c = Math.max(-0.999999, Math.min(0.999999, v));
        return 0.5 * Math.log((1 + c) / (1 - c));
    }

    private static double[] gaussian(Random rnd, int n) {
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
            v[j] = rnd.nextGaussian();
        }
        return v;
    }

    private static double[] unit(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        double norm = Math.sqrt(s);
        double[] out = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = v[j] / norm;
        }
        return out;
    }
}
