/**
 * Labels of a conditional PGGAN: what the model is conditioned on ({@link
 * io.pggan.data.labels.LabelSpec} of {@link io.pggan.data.labels.LabelGroup}s, e.g. sex and age),
 * one image's values ({@link io.pggan.data.labels.Labels}), a training set's validated labels
 * ({@link io.pggan.data.labels.LabelTable}) and the {@code labels.csv} beside an image folder
 * ({@link io.pggan.data.labels.LabelsCsv}).
 */
package io.pggan.data.labels;
