package io.pggan.latent.axis;

import io.pggan.latent.lasso.Design;
import io.pggan.latent.lasso.LassoCv;

/** The study's axis: LASSO of age on the latent with the penalty chosen by K-fold CV. */
public final class LassoCvAxis implements AxisMethod {
    private final LassoCv cv;

    /** An axis fitted with this LASSO-CV configuration. */
    public LassoCvAxis(LassoCv cv) {
        if (cv == null) {
            throw new IllegalArgumentException("lassoCv must not be null");
        }
        this.cv = cv;
    }

    /** The LASSO-CV configuration. */
    public LassoCv lassoCv() {
        return cv;
    }

    @Override
    public String name() {
        return "LASSO_CV";
    }

    @Override
    public Direction find(AxisSample train) {
        if (train.size() < cv.folds()) {
            throw new IllegalArgumentException(
                    "only "
                            + train.size()
                            + " training samples: fewer than the "
                            + cv.folds()
                            + " CV folds");
        }
        return Direction.of(cv.fit(Design.of(train.latents()), train.months()).model());
    }
}
