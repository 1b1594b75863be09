package io.pggan.gan;

import ai.djl.ndarray.NDArray;
import io.pggan.model.LatentGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A trained {@link Pggan} seen as the latent module's {@link LatentGenerator}: Gs at the model's
 * current (final) resolution; the model id is the weights file's name and SHA-256 prefix, so an age
 * axis found for one set of weights is refused for another.
 */
public final class PgganLatentGenerator implements LatentGenerator {
    private final Pggan gan;
    private final String modelId;

    /**
     * Adapts a model.
     *
     * @param gan the trained model (not closed by this adapter)
     * @param modelId stable id of its weights
     */
    public PgganLatentGenerator(Pggan gan, String modelId) {
        this.gan = gan;
        this.modelId = modelId;
    }

    /** Adapts a model loaded from (or saved to) {@code weights}, whose hash becomes the id. */
    public static PgganLatentGenerator of(Pggan gan, Path weights) {
        return new PgganLatentGenerator(gan, idOf(weights));
    }

    /** {@code pggan-<file name>-<first 16 hex digits of SHA-256>}. */
    public static String idOf(Path weights) {
        try (InputStream in = Files.newInputStream(weights)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                sha.update(buf, 0, r);
            }
            String hex = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
            return "pggan-" + weights.getFileName() + "-" + hex;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash the GAN weights " + weights, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The wrapped model. */
    public Pggan gan() {
        return gan;
    }

    @Override
    public int latentDim() {
        return gan.config().architecture().latentDim();
    }

    @Override
    public NDArray generate(NDArray z) {
        return gan.generate(z).clip(-1f, 1f);
    }

    @Override
    public String modelId() {
        return modelId;
    }
}
