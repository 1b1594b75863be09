package io.pggan.agecnn;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;
import io.pggan.agecnn.network.AgeNet;
import io.pggan.agecnn.network.Xception;
import io.pggan.agecnn.weights.ImportReport;
import io.pggan.agecnn.weights.WeightImporter;
import io.pggan.engine.PgganEngine;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bone-age regression with Xception: train on an {@link AgeDataset}, predict ages in months,
 * extract the pooled features, evaluate, save and load.
 *
 * <pre>{@code
 * try (AgeRegressor model = AgeRegressor.builder().widthMultiplier(0.125).epochs(20).build()) {
 *     TrainingHistory history = model.fit(train, validation, List.of());
 *     AgeEvaluation test = model.evaluate(testSet);
 *     model.save(Path.of("bone-age-model"));
 * }
 * }</pre>
 *
 * <p>The network predicts the normalised age {@code (age - mean) / sd} of the first training set
 * (so the head starts near the right scale and Adam converges quickly) and is trained with an L1
 * loss, i.e. the mean absolute error in months divided by {@code sd}; predictions are returned in
 * months. Not thread-safe.
 */
public final class AgeRegressor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgeRegressor.class);

    private final AgeRegressorConfig config;
    private final Device device;
    private final Model model;
    private final AgeNet net;
    private final AgeInference inference;
    private float targetMean = 120f;
    private float targetSd = 40f;
    private TrainingHistory history;

    AgeRegressor(AgeRegressorConfig config) {
        this.config = config;
        PgganEngine engine = PgganEngine.start();
        this.device = engine.device();
        Engine.getEngine("PyTorch").setRandomSeed((int) config.seed());
        Xception trunk =
                Xception.builder()
                        .inputChannels(config.inputChannels())
                        .widthMultiplier(config.widthMultiplier())
                        .batchNormMomentum(config.batchNormMomentum())
                        .build();
        this.net = new AgeNet(trunk, config.useSex(), config.hiddenUnits());
        // He-normal for the ReLU network's convolutions and dense layers.
        net.setInitializer(
                new XavierInitializer(
                        XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
                Parameter.Type.WEIGHT);
        this.model = Model.newInstance("agecnn", device, "PyTorch");
        model.setBlock(net);
        net.initialize(
                model.getNDManager(), DataType.FLOAT32, inputShapes(2, Xception.MIN_INPUT_SIZE));
        this.inference = new AgeInference(this, net, device);
    }

    /** A builder with the defaults of {@link AgeRegressorConfig.Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    Shape[] inputShapes(long batch, long size) {
        Shape images = new Shape(batch, config.inputChannels(), size, size);
        return config.useSex() ? new Shape[] {images, new Shape(batch, 1)} : new Shape[] {images};
    }

    /** The configuration. */
    public AgeRegressorConfig config() {
        return config;
    }

    /** The network (trunk and head), e.g. to inspect its parameters. */
    public AgeNet network() {
        return net;
    }

    /** Length of {@link #features} vectors: {@code round(2048 * widthMultiplier)}. */
    public int featureSize() {
        return net.trunk().featureSize();
    }

    /** The last {@link #fit} run, or {@code null} before one (also restored by {@link #load}). */
    public TrainingHistory history() {
        return history;
    }

    /**
     * Loads ImageNet-pretrained (or any) Xception weights into the trunk; the head is untouched.
     * See {@link WeightImporter} for the file format; a one-channel model gets the RGB kernels of
     * the first convolution summed.
     *
     * @param npz the weight file
     * @return what matched, was adapted, missing or unexpected
     * @throws IllegalArgumentException naming the layer when a shape does not fit
     */
    public ImportReport importWeights(Path npz) {
        return WeightImporter.load(npz, net.trunk().namedParameters());
    }

    // ------------------------------------------------------------------ training

    /**
     * Trains the model, keeping the parameters of the epoch with the best validation MAE. Training
     * stops after the configured epochs, or earlier when a listener throws {@link
     * io.pggan.agecnn.training.TrainingStopped}: the configuration adds {@link
     * io.pggan.agecnn.training.EarlyStopping} (patience, with a validation set) and {@link
     * io.pggan.agecnn.training.TimeLimit} after the caller's listeners.
     *
     * @param train training images with ages (and sex when the model uses it)
     * @param validation held-out images for early stopping, or {@code null} to select on the
     *     training MAE and never stop early
     * @param listeners told after each epoch
     * @return the per-epoch history
     */
    public TrainingHistory fit(
            AgeDataset train,
            AgeDataset validation,
            List<? extends AgeTrainingListener> listeners) {
        checkDataset(train, "training set");
        if (validation != null) {
            checkDataset(validation, "validation set");
        }
        if (train.size() < 2) {
            throw new IllegalArgumentException(
                    "training needs at least 2 images (batch norm), got " + train.size());
        }
        // The first fit fixes the target normalisation; a model trained before (or loaded) keeps
        // its own, so further training does not rescale what the head has learned.
        if (history == null) {
            setNormalisation(train.ages());
        }
        history = new AgeTrainer(this).fit(train, validation, listeners);
        return history;
    }

    private void setNormalisation(float[] ages) {
        double mean = 0;
        for (float a : ages) {
            mean += a;
        }
        mean /= ages.length;
        double var = 0;
        for (float a : ages) {
            var += (a - mean) * (a - mean);
        }
        targetMean = (float) mean;
        // A floor keeps a near-constant training set from blowing the normalised target up.
        targetSd = (float) Math.max(Math.sqrt(var / ages.length), 1.0);
    }

    float targetMean() {
        return targetMean;
    }

    float targetSd() {
        return targetSd;
    }

    Device device() {
        return device;
    }

    Model djlModel() {
        return model;
    }

    /** Sets what a saved model stored (called by {@link AgeModelFiles#load}). */
    void restore(float mean, float sd, TrainingHistory savedHistory) {
        targetMean = mean;
        targetSd = sd;
        history = savedHistory;
    }

    // ------------------------------------------------------------------ inference

    /**
     * Predicts ages in months for a model without a sex input.
     *
     * @param images {@code [N, C, H, W]} in [-1, 1]
     * @return one age per image
     */
    public float[] predict(NDArray images) {
        return inference.predict(images, null);
    }

    /**
     * Predicts ages in months.
     *
     * @param images {@code [N, C, H, W]} in [-1, 1]
     * @param sex {@code [N]} or {@code [N, 1]} with 1 = male, 0 = female; required exactly when the
     *     model uses sex, else must be {@code null}
     * @return one age per image
     */
    public float[] predict(NDArray images, NDArray sex) {
        return inference.predict(images, sex);
    }

    /** Ages in months and pooled features of the same images (see {@link #predictWithFeatures}). */
    public record AgesAndFeatures(float[] months, NDArray features) {}

    /**
     * {@link #predict(NDArray, NDArray)} and {@link #features} from one pass through the trunk (the
     * head runs on the pooled features), for labelling many images with both.
     *
     * @param images {@code [N, C, H, W]} in [-1, 1]
     * @param sex as for {@link #predict(NDArray, NDArray)}
     * @return the ages, and the features {@code [N, featureSize]} attached to the images' manager
     */
    public AgesAndFeatures predictWithFeatures(NDArray images, NDArray sex) {
        return inference.predictWithFeatures(images, sex);
    }

    /**
     * Predicts the ages of a dataset (with its sex column when the model uses sex).
     *
     * @param data the images
     * @return one age per image in months
     */
    public float[] predict(AgeDataset data) {
        return inference.predict(data);
    }

    /**
     * The pooled Xception features ({@link #featureSize()} per image; 2048 at full width, {@code
     * round(2048 * widthMultiplier)} otherwise), computed in inference mode.
     *
     * @param images {@code [N, C, H, W]} in [-1, 1]
     * @return {@code [N, featureSize]}, attached to the images' manager
     */
    public NDArray features(NDArray images) {
        return inference.features(images);
    }

    /**
     * Evaluates predictions on a labelled set.
     *
     * @param data images with true ages
     * @return MAE, median absolute error, bias and MAE per age band, in months
     */
    public AgeEvaluation evaluate(AgeDataset data) {
        return AgeEvaluation.of(predict(data), data.ages());
    }

    void checkDataset(AgeDataset data, String what) {
        if (data == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        net.trunk()
                .checkInputShape(
                        new Shape(data.size(), data.channels(), data.height(), data.width()));
        if (config.useSex() && !data.hasSex()) {
            throw new IllegalArgumentException(
                    what
                            + " has no sex column but this model takes sex as an input (useSex=true); build the dataset with sexes or the model with useSex(false)");
        }
    }

    // ------------------------------------------------------------------ persistence

    /**
     * Saves the model into a folder: {@code agecnn.json} (configuration, target normalisation and
     * training history, readable JSON) and {@code weights.npz} (every parameter under its
     * Keras-style name, the {@link WeightImporter} format). Each file is written atomically.
     *
     * @param folder the folder (created if needed)
     */
    public void save(Path folder) {
        AgeModelFiles.save(this, folder);
    }

    /**
     * Loads a model written by {@link #save}.
     *
     * @param folder the model folder
     * @return the model, ready to predict or train further
     * @throws IllegalArgumentException naming the file when it is malformed or does not fit
     */
    public static AgeRegressor load(Path folder) {
        return AgeModelFiles.load(folder);
    }

    @Override
    public void close() {
        model.close();
    }

    /**
     * Builds an {@link AgeRegressor}: the setters of {@link AgeRegressorConfig} (see it for what
     * each means), then {@link #build()} creates the model.
     */
    public static final class Builder extends AgeRegressorConfig.Setters<Builder> {
        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /** Starts from a whole configuration (later setters override it). */
        public Builder config(AgeRegressorConfig c) {
            return from(c);
        }

        /** Validates the configuration and creates the (randomly initialised) model. */
        public AgeRegressor build() {
            return new AgeRegressor(configuration());
        }
    }
}
