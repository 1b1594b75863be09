package io.pggan.spark;

import io.pggan.gan.PgganLatentGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The model files of a labelling job: a saved {@link io.pggan.gan.Pggan} (weights file) and a saved
 * {@link io.pggan.agecnn.AgeRegressor} (folder with {@code agecnn.json} and {@code weights.npz})
 * with the CNN's input side. By default the driver ships them with the job ({@code
 * SparkContext.addFile}: the weights file, and the age model's two files, since Spark ships no
 * local folder to a cluster) and each executor reads its local copy; {@link #onSharedStorage()}
 * reads the given paths on every executor instead (NFS, a cluster's shared disk).
 *
 * @param ganWeights path of the GAN's weights file on the driver
 * @param ageModel path of the age model folder on the driver
 * @param cnnInputSize side the age CNN was trained at (at least 71)
 * @param ship whether the files travel with the job
 */
public record ModelFiles(String ganWeights, String ageModel, int cnnInputSize, boolean ship)
        implements Serializable {
    static final String AGE_CONFIG = "agecnn.json";
    static final String AGE_WEIGHTS = "weights.npz";

    /** The files at these paths, shipped with the job. */
    public static ModelFiles of(Path ganWeights, Path ageModelFolder, int cnnInputSize) {
        return new ModelFiles(
                ganWeights.toAbsolutePath().normalize().toString(),
                ageModelFolder.toAbsolutePath().normalize().toString(),
                cnnInputSize,
                true);
    }

    /** The same files, read at the same paths on every executor. */
    public ModelFiles onSharedStorage() {
        return new ModelFiles(ganWeights, ageModel, cnnInputSize, false);
    }

    /** Checks on the driver that the files are there, naming the first one missing. */
    void check() {
        Path g = Path.of(ganWeights);
        if (!Files.isRegularFile(g)) {
            throw new IllegalArgumentException("GAN weights file " + g + " does not exist");
        }
        Path a = Path.of(ageModel);
        if (!Files.isDirectory(a)) {
            throw new IllegalArgumentException("age model folder " + a + " does not exist");
        }
        for (String f : new String[] {AGE_CONFIG, AGE_WEIGHTS}) {
            if (!Files.isRegularFile(a.resolve(f))) {
                throw new IllegalArgumentException(
                        "age model folder " + a + " has no " + f + " (not a saved AgeRegressor)");
            }
        }
        if (cnnInputSize < 71) {
            throw new IllegalArgumentException(
                    "Xception needs at least 71 px, got cnnInputSize " + cnnInputSize);
        }
    }

    /** The generator's id, as {@link PgganLatentGenerator#idOf} gives it for the weights file. */
    static String generatorId(Path weights) {
        return PgganLatentGenerator.idOf(weights);
    }

    /**
     * {@code agecnn-<first 16 hex digits of SHA-256 of its two files>} (not of the folder's name:
     * an executor's copy lives in another folder).
     */
    static String ageModelId(Path folder) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (String f : new String[] {AGE_CONFIG, AGE_WEIGHTS}) {
                try (InputStream in = Files.newInputStream(folder.resolve(f))) {
                    for (int r; (r = in.read(buf)) > 0; ) {
                        sha.update(buf, 0, r);
                    }
                }
            }
            String hex = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
            return "agecnn-" + hex;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash the age model " + folder, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
