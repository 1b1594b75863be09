package io.pggan.latent.axis;

import io.pggan.latent.lasso.Design;
import io.pggan.latent.lasso.LeastSquares;

/** Ordinary least squares of age on the latent. */
public final class OlsAxis implements AxisMethod {
    @Override
    public String name() {
        return "OLS";
    }

    @Override
    public Direction find(AxisSample train) {
        return Direction.of(LeastSquares.fit(Design.of(train.latents()), train.months(), 0.0));
    }
}
