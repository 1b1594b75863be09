/** Sampling, rendering and age-labelling latents at scale, streamed to resumable shards. */
package io.pggan.latent.labeling;
