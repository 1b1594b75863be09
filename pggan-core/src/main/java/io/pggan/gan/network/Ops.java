package io.pggan.gan.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
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
     * {@code delta} times the leaky ReLU's derivative at {@code preActivation}: 1 where it is
     * positive, 0.2 elsewhere (as PyTorch's backward). The derivative is a constant (the second
     * derivative is zero almost everywhere), so double derivatives through this stay exact.
     */
    public static NDArray lreluAdjoint(NDArray delta, NDArray preActivation) {
        try (NDArray positive = preActivation.gt(0f);
                NDArray one = Scalars.scalar(preActivation, 1f);
                NDArray slope = Scalars.scalar(preActivation, LRELU_SLOPE);
                // PyTorch's where broadcasts the scalars (DJL's NDArrays.where does not)
                NDArray derivative =
                        JniUtils.where((PtNDArray) positive, (PtNDArray) one, (PtNDArray) slope)) {
            // a PyTorch-made constant, so mul's backward keeps valid memory (see Scalars)
            return delta.mul(derivative);
        }
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
        // sum_c x^2 as 2q - stop(q) with q = sum_c(x * stop(x)): the same value, and the gradient
        // 2x reaches x through one full-size product instead of square's three full-size ops
        NDArray q = x.mul(x.stopGradient()).sum(new int[] {1}, true);
        NDArray sumSquares = Scalars.times(q, 2f).sub(q.stopGradient());
        NDArray meanSquare = Scalars.over(sumSquares, x.getShape().get(1)).add(eps);
        // times 1/sqrt (a small array): the backward pass of a full-size product is cheaper
        // than that of a full-size quotient; the exponent is PyTorch's own (see Scalars)
        try (NDArray exponent = Scalars.scalar(x, -0.5f)) {
            return x.mul(meanSquare.pow(exponent));
        }
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
     * Rows of the 1-D tap maps of the fused resampling kernels, as 3-tap filters. The official 4x4
     * kernel is the 3x3 kernel summed over its four corner shifts: taps {@code w0, w0+w1, w1+w2,
     * w2}.
     */
    private static final float[][] BOX4 = {{1, 0, 0}, {1, 1, 0}, {0, 1, 1}, {0, 0, 1}};

    /**
     * The 2x2 phase filters of a stride-2 transposed 4x4 conv with the {@link #BOX4} kernel. Its
     * output row 2i takes input rows (i-1, i) with taps (3, 1), row 2i+1 takes rows (i, i+1) with
     * taps (2, 0). A 2x2 conv with padding 1 gives, at its row p, input rows (p-1, p); interleaved
     * with one row to spare at the top, grid row 2p+1 (parity 1) is output row 2p and grid row 2p
     * (parity 0) is output row 2p-1. Indexed [parity][kernel row][3x3 tap].
     */
    private static final float[][][] PHASE = {
        {BOX4[2], BOX4[0]}, // parity 0: odd output rows
        {BOX4[3], BOX4[1]} // parity 1: even output rows
    };

    /** 9 x 16 map from 3x3 taps to the 4x4 taps of {@link #BOX4} (row-major, kh * 4 + kw). */
    private static final float[] BOX4_MAP =
            tapMap((u, v, col) -> BOX4[col / 4][u] * BOX4[col % 4][v]);

    /**
     * 9 x 16 map from 3x3 taps to the four 2x2 {@link #PHASE} filters, column {@code (2 * rowParity
     * + colParity) * 4 + 2 * r + c}.
     */
    private static final float[] PHASE_MAP =
            tapMap(
                    (u, v, col) ->
                            PHASE[col / 8][(col / 2) % 2][u] * PHASE[(col / 4) % 2][col % 2][v]);

    private interface TapRule {
        float weight(int u, int v, int col);
    }

    private static float[] tapMap(TapRule rule) {
        float[] map = new float[9 * 16];
        for (int u = 0; u < 3; u++) {
            for (int v = 0; v < 3; v++) {
                for (int col = 0; col < 16; col++) {
                    map[(u * 3 + v) * 16 + col] = rule.weight(u, v, col);
                }
            }
        }
        return map;
    }

    /**
     * The official 4x4 kernel of the fused resampling convs, {@code [O, I, 4, 4]}, from a 3x3
     * kernel {@code [O, I, 3, 3]}: the 3x3 kernel zero-padded to 5x5 and summed over its four
     * corner-shifted 4x4 windows, times {@code factor}. One matrix product, so its backward pass is
     * one matrix product too.
     */
    public static NDArray box4(NDArray w3, float factor) {
        return mapTaps(w3, BOX4_MAP, factor);
    }

    /**
     * The phase kernels that run a stride-2 transposed 4x4 conv (kernel {@link #box4}{@code (w3)})
     * as one 2x2 conv, for {@link #transposedConv4x4s2}: {@code [4*out, in, 2, 2]}, output channel
     * {@code 4c + 2*rowParity + colParity}.
     *
     * @param w3 a 3x3 kernel {@code [O, I, 3, 3]}
     * @param factor multiplies the result (folds in the equalized-LR scale)
     * @param swapChannels false: the transposed conv maps I to O channels (G's fused up-conv, whose
     *     official kernel is {@code box4(w3)} transposed); true: it maps O to I (the input adjoint
     *     of D's fused conv-down, whose kernel is {@code box4(w3)})
     */
    public static NDArray phaseKernels(NDArray w3, float factor, boolean swapChannels) {
        long o = w3.getShape().get(0);
        long i = w3.getShape().get(1);
        NDArray k = mapTaps(w3, PHASE_MAP, factor);
        return swapChannels
                ? k.transpose(1, 2, 0, 3).reshape(i * 4, o, 2, 2)
                : k.transpose(0, 2, 1, 3).reshape(o * 4, i, 2, 2);
    }

    /**
     * Stride-2 transposed conv with a 4x4 kernel and padding 1 ({@code [N, I, H, W]} to {@code [N,
     * O, 2H, 2W]}), run as one 2x2 conv of its {@link #phaseKernels} (16 MACs per input pixel, as
     * the transposed conv; DJL's PyTorch engine does not expose the transposed conv). The conv
     * gives {@code [N, 4*O, H+1, W+1]}; interleaving its phases by output parity gives {@code 2H+2}
     * rows of which the middle {@code 2H} are the result, so the interleave is one copy.
     *
     * @param bias4 per-phase bias {@code [4*O]} or null
     */
    public static NDArray transposedConv4x4s2(NDArray x, NDArray phaseKernels, NDArray bias4) {
        Shape s = x.getShape();
        long n = s.get(0);
        long h = s.get(2);
        long w = s.get(3);
        long c = phaseKernels.getShape().get(0) / 4;
        Shape one = new Shape(1, 1);
        NDArray y =
                ai.djl.nn.convolutional.Conv2d.conv2d(x, phaseKernels, bias4, one, one, one, 1)
                        .singletonOrThrow();
        NDArray z =
                y.reshape(n, c, 2, 2, h + 1, w + 1)
                        .transpose(0, 1, 4, 2, 5, 3)
                        .reshape(n, c, 2 * h + 2, 2 * w + 2);
        // crop one pixel per side: a negative pad, whose backward pass is one pad
        return z.pad(new Shape(-1, -1, -1, -1), 0);
    }

    /** {@code [O, I, 3, 3]} to {@code [O, I, 4, 4]}: every 3x3 kernel times a 9 x 16 tap map. */
    private static NDArray mapTaps(NDArray w3, float[] map, float factor) {
        float[] scaled = new float[map.length];
        for (int j = 0; j < map.length; j++) {
            scaled[j] = map[j] * factor;
        }
        Shape s = w3.getShape();
        return w3.reshape(s.get(0) * s.get(1), 9)
                .matMul(constant(w3, scaled, new Shape(9, 16)))
                .reshape(s.get(0), s.get(1), 4, 4);
    }

    /**
     * A constant of {@code like}'s type and device, in its manager, whose memory PyTorch owns:
     * matMul keeps it for the backward pass (see Scalars). Note that {@code toType(same, true)}
     * would not copy. A replica's arrays may sit on another device than their manager's.
     */
    private static NDArray constant(NDArray like, float[] values, Shape shape) {
        NDArray owned;
        try (NDArray borrowed = like.getManager().create(values, shape)) {
            owned = borrowed.duplicate();
        }
        if (owned.getDataType() != like.getDataType()) {
            NDArray converted = owned.toType(like.getDataType(), false);
            owned.close();
            owned = converted;
        }
        if (!owned.getDevice().equals(like.getDevice())) {
            NDArray moved = owned.toDevice(like.getDevice(), false);
            owned.close();
            owned = moved;
        }
        return owned;
    }
}
