/**
 * Bone-age regression with Xception: {@link io.pggan.agecnn.AgeRegressor} trains on an {@link
 * io.pggan.agecnn.AgeDataset} (built from arrays or with {@link io.pggan.agecnn.AgeDatasets} from
 * the hand phantoms or the RSNA reader), predicts ages in months, extracts pooled features,
 * evaluates by age band and saves as readable JSON plus a {@code .npz} of parameters.
 */
package io.pggan.agecnn;
