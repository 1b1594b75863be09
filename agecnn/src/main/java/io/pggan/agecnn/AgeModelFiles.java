package io.pggan.agecnn;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.agecnn.weights.ImportReport;
import io.pggan.agecnn.weights.WeightFile;
import io.pggan.agecnn.weights.WeightImporter;
import io.pggan.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A saved {@link AgeRegressor}: a folder with {@code agecnn.json} (format, configuration, target
 * normalisation and training history, readable JSON) and {@code weights.npz} (every parameter under
 * its Keras-style name, the {@link WeightImporter} format), each written atomically.
 */
final class AgeModelFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AgeModelFiles.class);
    static final String CONFIG_FILE = "agecnn.json";
    static final String WEIGHTS_FILE = "weights.npz";
    static final String FORMAT = "pggan-agecnn/1";
    private static final ObjectMapper JSON = Json.lenient();

    private AgeModelFiles() {}

    /** The JSON written next to the weights. */
    record SavedModel(
            @JsonProperty("format") String format,
            @JsonProperty("config") AgeRegressorConfig config,
            @JsonProperty("targetMean") float targetMean,
            @JsonProperty("targetSd") float targetSd,
            @JsonProperty("history") TrainingHistory history) {}

    static void save(AgeRegressor model, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create model folder " + folder, e);
        }
        WeightFile.write(
                folder.resolve(WEIGHTS_FILE),
                WeightImporter.export(model.network().namedParameters()));
        Json.write(
                folder.resolve(CONFIG_FILE),
                new SavedModel(
                        FORMAT,
                        model.config(),
                        model.targetMean(),
                        model.targetSd(),
                        model.history()));
        LOG.info("saved age model to {}", folder);
    }

    static AgeRegressor load(Path folder) {
        Path configFile = folder.resolve(CONFIG_FILE);
        Path weightsFile = folder.resolve(WEIGHTS_FILE);
        SavedModel saved;
        try {
            saved = JSON.readValue(configFile.toFile(), SavedModel.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read model configuration " + configFile + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(saved.format()) || saved.config() == null) {
            throw new IllegalArgumentException(
                    configFile
                            + ": not a "
                            + FORMAT
                            + " model file (format "
                            + saved.format()
                            + ")");
        }
        if (!(saved.targetSd() > 0) || !Float.isFinite(saved.targetMean())) {
            throw new IllegalArgumentException(
                    configFile
                            + ": bad target normalisation "
                            + saved.targetMean()
                            + " / "
                            + saved.targetSd());
        }
        AgeRegressor regressor = new AgeRegressor(saved.config());
        try {
            ImportReport report =
                    WeightImporter.apply(
                            WeightFile.read(weightsFile), regressor.network().namedParameters());
            if (!report.isComplete() || !report.adapted().isEmpty()) {
                throw new IllegalArgumentException(
                        weightsFile + " does not match its configuration: " + report.summary());
            }
        } catch (RuntimeException e) {
            regressor.close();
            throw e instanceof IllegalArgumentException
                    ? new IllegalArgumentException(weightsFile + ": " + e.getMessage(), e)
                    : e;
        }
        regressor.restore(saved.targetMean(), saved.targetSd(), saved.history());
        return regressor;
    }
}
