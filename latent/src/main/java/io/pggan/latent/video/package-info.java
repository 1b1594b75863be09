/** Aging video output: PNG frames, MP4, GIF, frame CSV and the age-per-frame chart. */
package io.pggan.latent.video;
