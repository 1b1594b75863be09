package io.pggan.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Bilinear resampling of {@code [N, C, H, W]} images, half-pixel centres (PyTorch's {@code
 * interpolate(mode="bilinear", align_corners=False)}), edges clamped.
 *
 * <p>Why: the GAN makes 64x64 images on a CPU run but the Xception age CNN needs at least 71 px, so
 * generated and real images are both upsampled to the CNN's input size the same way before the CNN
 * sees them (the CNN is trained on upsampled reals too, so fakes and reals look alike to it).
 */
public final class Bilinear {
    private Bilinear() {}

    /**
     * Resizes a batch.
     *
     * @param images {@code [N, C, H, W]} float32
     * @param size output height and width
     * @return {@code [N, C, size, size]} on the images' manager (the input itself if the size
     *     already matches)
     */
    public static NDArray resize(NDArray images, int size) {
        Shape s = images.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("expected [N, C, H, W] images, got " + s);
        }
        int n = (int) s.get(0);
        int c = (int) s.get(1);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        if (h == size && w == size) {
            return images;
        }
        float[] in = images.toType(DataType.FLOAT32, false).toFloatArray();
        float[] out = resize(in, n * c, h, w, size, size);
        return images.getManager().create(out, new Shape(n, c, size, size));
    }

    /**
     * {@link #resize(NDArray, int)} as a differentiable function of the images (two products with
     * interpolation matrices, {@code Ry . X . Rx^T}), for losses that are back-propagated through
     * the resize; the values equal those of {@link #resize(NDArray, int)} up to float rounding.
     *
     * @param images {@code [N, C, H, W]} float32
     * @param size output height and width
     * @return {@code [N, C, size, size]} on the images' manager (the input itself if the size
     *     already matches)
     */
    public static NDArray resizeDifferentiable(NDArray images, int size) {
        Shape s = images.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("expected [N, C, H, W] images, got " + s);
        }
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        if (h == size && w == size) {
            return images;
        }
        // The matrices stay open on the images' manager: autograd keeps them for the backward
        // pass, and the memory of a created array is only safe while its Java handle lives.
        NDManager m = images.getManager();
        NDArray ry = m.create(matrix(h, size), new Shape(size, h));
        NDArray rxT = m.create(matrix(w, size), new Shape(size, w)).transpose();
        return ry.matMul(images.matMul(rxT));
    }

    /** The {@code [out, in]} matrix of 1-d bilinear interpolation (row i: weights of output i). */
    private static float[] matrix(int in, int out) {
        int[] lo = new int[out];
        int[] hi = new int[out];
        float[] frac = new float[out];
        axis(in, out, lo, hi, frac);
        float[] m = new float[out * in];
        for (int i = 0; i < out; i++) {
            m[i * in + lo[i]] += 1 - frac[i];
            m[i * in + hi[i]] += frac[i];
        }
        return m;
    }

    /**
     * Resizes {@code planes} row-major planes of {@code h x w} to {@code oh x ow}.
     *
     * @return the resized planes, one after the other
     */
    public static float[] resize(float[] in, int planes, int h, int w, int oh, int ow) {
        if ((long) planes * h * w != in.length) {
            throw new IllegalArgumentException(
                    in.length + " values are not " + planes + " planes of " + h + "x" + w);
        }
        int[] y0 = new int[oh];
        int[] y1 = new int[oh];
        float[] fy = new float[oh];
        axis(h, oh, y0, y1, fy);
        int[] x0 = new int[ow];
        int[] x1 = new int[ow];
        float[] fx = new float[ow];
        axis(w, ow, x0, x1, fx);
        float[] out = new float[planes * oh * ow];
        for (int p = 0; p < planes; p++) {
            int ib = p * h * w;
            int ob = p * oh * ow;
            for (int y = 0; y < oh; y++) {
                int r0 = ib + y0[y] * w;
                int r1 = ib + y1[y] * w;
                float wy = fy[y];
                for (int x = 0; x < ow; x++) {
                    float top = in[r0 + x0[x]] + (in[r0 + x1[x]] - in[r0 + x0[x]]) * fx[x];
                    float bottom = in[r1 + x0[x]] + (in[r1 + x1[x]] - in[r1 + x0[x]]) * fx[x];
                    out[ob + y * ow + x] = top + (bottom - top) * wy;
                }
            }
        }
        return out;
    }

    private static void axis(int in, int out, int[] lo, int[] hi, float[] frac) {
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            double src = Math.max((i + 0.5) * scale - 0.5, 0);
            int a = Math.min((int) Math.floor(src), in - 1);
            lo[i] = a;
            hi[i] = Math.min(a + 1, in - 1);
            frac[i] = (float) (src - a);
        }
    }
}
