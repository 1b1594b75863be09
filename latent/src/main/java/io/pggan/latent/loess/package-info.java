/**
 * Scatterplot smoothers that reproduce statsmodels {@code lowess}, R {@code lowess} and R {@code
 * loess} (direct surface), plus Spearman's rank correlation.
 */
package io.pggan.latent.loess;
