/** NumPy {@code .npy} reading and incremental, atomic writing. */
package io.pggan.latent.io;
