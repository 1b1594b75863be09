/** Seeded randomness shared by every module: {@link io.pggan.random.Permutation}. */
package io.pggan.random;
