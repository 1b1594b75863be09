/**
 * Weight files: a strict NumPy {@code .npz} reader and writer and the import of (ImageNet) Xception
 * weights keyed by Keras layer names, see {@link io.pggan.agecnn.weights.WeightImporter}.
 */
package io.pggan.agecnn.weights;
