package io.pggan.agecnn.weights;

import io.pggan.io.NpyArray;
import java.util.Arrays;

/**
 * A named float32 array in row-major (C) order, as stored in one {@code .npy} entry of a weight
 * file.
 *
 * @param name the key, e.g. {@code block1_conv1/kernel}
 * @param shape the dimensions
 * @param data {@code product(shape)} values, row-major
 */
public record NamedArray(String name, long[] shape, float[] data) {
    public NamedArray {
        long size = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        name + ": negative dimension in " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException(
                    name
                            + ": shape "
                            + Arrays.toString(shape)
                            + " needs "
                            + size
                            + " values, got "
                            + data.length);
        }
        shape = shape.clone();
    }

    /** The shape as text, e.g. {@code (32, 3, 3, 3)}. */
    public String shapeText() {
        return NpyArray.shapeText(shape);
    }
}
