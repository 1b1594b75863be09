package io.pggan.gan.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.pggan.engine.Scalars;

/** The parameter-free pieces of the PGGAN networks, each a few array operations. */
public final class Ops {
    /** Slope of the leaky ReLU. */
    public static final float LRELU_SLOPE = 0.2f;

    private Ops() {}

    /** Leaky ReLU with slope 0.2 (official {@code max(0.2x, x)}). */
    public static NDArray lrelu(NDArray x) {
        return Activation.leakyRelu(x, LRELU_SLOPE);
    }

    /**
     * Derivative of the leaky ReLU at its input, as a constant (the second derivative is zero
     * almost everywhere, so treating it as constant keeps double derivatives exact).
     */
    public static NDArray lreluSlope(NDArray preActivation) {
        NDArray positive = preActivation.gt(0f).toType(preActivation.getDataType(), false);
        // exactly 1 or 0.2f (the slope the leaky ReLU itself uses)
        return positive.neg().add(1f).mul(LRELU_SLOPE).add(positive);
    }

    /**
     * Adjoint of a stride-1 'SAME' conv w.r.t. its input: conv with the flipped, transposed kernel.
     */
    public static NDArray convInputAdjoint(NDArray delta, NDArray weight) {
        long k = weight.getShape().get(2);
        NDArray wt = weight.transpose(1, 0, 2, 3);
        if (k > 1) {
            wt = wt.flip(2, 3);
        }
        Shape one = new Shape(1, 1);
        return ai.djl.nn.convolutional.Conv2d.conv2d(
                        delta, wt, null, one, new Shape(k / 2, k / 2), one, 1)
                .singletonOrThrow();
    }

    /** Adjoint of {@link #downsample2}: nearest upsampling times 1/4. */
    public static NDArray downsampleAdjoint(NDArray delta) {
        return Scalars.times(upsample2(delta), 0.25f);
    }

    /**
     * Adjoint of {@link #minibatchStddev} w.r.t. its input x, given the gradient {@code dExtra}
     * {@code [N, 1, H, W]} arriving at the appended feature map.
     */
    public static NDArray minibatchStddevAdjoint(NDArray x, NDArray dExtra, int groupSize) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        long g = Math.min(groupSize, n);
        long m = n / g;
        NDArray y = x.reshape(g, m, c, h, w);
        NDArray d = y.sub(y.mean(new int[] {0}, true));
        NDArray sigma = d.square().mean(new int[] {0}, true).add(1e-8f).sqrt();
        NDArray total = dExtra.reshape(g, m, h * w).sum(new int[] {0, 2}).reshape(1, m, 1, 1, 1);
        return Scalars.over(d.div(sigma).mul(total), (float) (g * c * h * w)).reshape(n, c, h, w);
    }

    /** Pixelwise feature normalisation: {@code x / sqrt(mean_c(x^2) + eps)} over axis 1. */
    public static NDArray pixelNorm(NDArray x, float eps) {
        return x.div(x.square().mean(new int[] {1}, true).add(eps).sqrt());
    }

    /** 2x nearest-neighbour upsampling of an NCHW array. */
    public static NDArray upsample2(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(n, c, h, 1, w, 1).broadcast(n, c, h, 2, w, 2).reshape(n, c, 2 * h, 2 * w);
    }

    /** 2x2 average pooling with stride 2 of an NCHW array. */
    public static NDArray downsample2(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        return Scalars.times(x.reshape(n, c, h / 2, 2, w / 2, 2).sum(new int[] {3, 5}), 0.25f);
    }

    /** {@code a + (b - a) * t}. */
    public static NDArray lerp(NDArray a, NDArray b, float t) {
        return a.add(Scalars.times(b.sub(a), t));
    }

    /**
     * Fade of real images into a new resolution: {@code alpha*x + (1-alpha)*up(down(x))}.
     *
     * @param x real images NCHW at the current resolution
     * @param alpha weight of the new resolution, 1 in stable phases
     */
    public static NDArray fadeReals(NDArray x, float alpha) {
        if (alpha >= 1f) {
            return x;
        }
        return lerp(upsample2(downsample2(x)), x, alpha);
    }

    /**
     * Minibatch standard deviation: appends one feature map holding, per group, the mean over C, H
     * and W of the biased standard deviation across the group. Sample n is in group n mod (N/G)
     * (official strided grouping).
     *
     * @param x NCHW features
     * @param groupSize G; the effective size is min(G, N), and N must be a multiple of it
     */
    public static NDArray minibatchStddev(NDArray x, int groupSize) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        long g = Math.min(groupSize, n);
        if (n % g != 0) {
            throw new IllegalArgumentException(
                    "minibatch stddev: minibatch " + n + " is not a multiple of group size " + g);
        }
        long m = n / g;
        NDArray y = x.reshape(g, m, c, h, w);
        y = y.sub(y.mean(new int[] {0}, true));
        y = y.square().mean(new int[] {0}).add(1e-8f).sqrt();
        y = Scalars.over(y.sum(new int[] {1, 2, 3}), (float) (c * h * w));
        y = y.reshape(1, m, 1, 1, 1).broadcast(g, m, 1, h, w).reshape(n, 1, h, w);
        return NDArrays.concat(new NDList(x, y), 1);
    }

    /**
     * The four 2x2 phase kernels of the fused up-conv, {@code [4*out, in, 2, 2]} in phase order
     * (row, column) = (0,0), (0,1), (1,0), (1,1). Output pixel (2i+a, 2j+b) of "nearest upsample
     * then 3x3 conv with the flipped kernel" (= the official stride-2 transposed 4x4 conv) only
     * sees a 2x2 input neighbourhood, whose weights are sums of the 3x3 taps; running the four
     * phases as one 2x2 conv keeps the official 16 MACs per input pixel (PyTorch's transposed conv
     * is not exposed by DJL's engine).
     */
    public static NDArray upPhaseKernels(NDArray w3) {
        NDManager m = w3.getManager();
        // PyTorch-owned copies: matMul keeps them for the backward pass (see Scalars)
        NDArray[] rows = {
            owned(m, new float[] {0, 0, 1, 1, 1, 0}), owned(m, new float[] {0, 1, 1, 1, 0, 0})
        };
        NDList phases = new NDList(4);
        for (int a = 0; a < 2; a++) {
            NDArray r = rows[a].matMul(w3);
            for (int b = 0; b < 2; b++) {
                phases.add(r.matMul(rows[b].transpose()));
            }
        }
        return NDArrays.concat(phases, 0);
    }

    private static NDArray owned(NDManager m, float[] row) {
        try (NDArray borrowed = m.create(row, new Shape(2, 3))) {
            return borrowed.duplicate();
        }
    }

    /**
     * Interleaves the four phase outputs of {@link #upPhaseKernels}: {@code y} is {@code [N, 4*C,
     * H+1, W+1]} from a 2x2 conv with padding 1; the result is {@code [N, C, 2H, 2W]}.
     */
    public static NDArray interleavePhases(NDArray y, long c) {
        Shape s = y.getShape();
        long n = s.get(0);
        long h = s.get(2) - 1;
        long w = s.get(3) - 1;
        NDArray p = y.reshape(n, 2, 2, c, h + 1, w + 1);
        NDList rowsOut = new NDList(2);
        for (int a = 0; a < 2; a++) {
            NDList cols = new NDList(2);
            for (int b = 0; b < 2; b++) {
                cols.add(
                        p.get(new NDIndex(":, {}, {}, :, {}:{}, {}:{}", a, b, a, a + h, b, b + w)));
            }
            rowsOut.add(NDArrays.stack(cols, 4).reshape(n, c, h, 2 * w));
        }
        return NDArrays.stack(rowsOut, 3).reshape(n, c, 2 * h, 2 * w);
    }

    /**
     * The 4x4 kernel of the fused resampling convs: the 3x3 kernel zero-padded to 5x5 and summed
     * over its four corner-shifted 4x4 windows.
     */
    public static NDArray box4(NDArray w3) {
        Shape s = w3.getShape();
        NDArray zCol = w3.getManager().zeros(new Shape(s.get(0), s.get(1), 3, 1), w3.getDataType());
        NDArray p = NDArrays.concat(new NDList(zCol, w3, zCol), 3);
        NDArray zRow = w3.getManager().zeros(new Shape(s.get(0), s.get(1), 1, 5), w3.getDataType());
        p = NDArrays.concat(new NDList(zRow, p, zRow), 2);
        return p.get(new NDIndex(":, :, 1:, 1:"))
                .add(p.get(new NDIndex(":, :, :-1, 1:")))
                .add(p.get(new NDIndex(":, :, 1:, :-1")))
                .add(p.get(new NDIndex(":, :, :-1, :-1")));
    }
}
