/** Paths through latent space: linear, spherical, along an axis, and the study's age chain. */
package io.pggan.latent.interpolation;
