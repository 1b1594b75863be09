package io.pggan.data.phantom;

import java.awt.image.BufferedImage;

/**
 * One rendered phantom.
 *
 * @param image 8-bit grayscale image ({@code TYPE_BYTE_GRAY})
 * @param pixels the same pixels as floats in [-1, 1] ({@code b / 127.5 - 1}), row-major
 * @param truth the ground truth
 */
public record Phantom(BufferedImage image, float[] pixels, PhantomTruth truth) {}
