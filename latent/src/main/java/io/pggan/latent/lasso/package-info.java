/**
 * LASSO with K-fold cross-validation in scikit-learn's {@code LassoCV} convention ({@link
 * io.pggan.latent.lasso.LassoCv}), solved by Gram-matrix coordinate descent; ordinary least
 * squares; absolute-error summaries.
 */
package io.pggan.latent.lasso;
