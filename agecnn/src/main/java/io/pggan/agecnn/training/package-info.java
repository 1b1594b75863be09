/** Training helpers: radiograph augmentation and learning-rate schedules. */
package io.pggan.agecnn.training;
