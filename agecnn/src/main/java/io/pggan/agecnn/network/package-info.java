/**
 * Keras-faithful Xception ({@link io.pggan.agecnn.network.Xception}) and the age network ({@link
 * io.pggan.agecnn.network.AgeNet}) as DJL blocks, with parameters under Keras layer names.
 */
package io.pggan.agecnn.network;
