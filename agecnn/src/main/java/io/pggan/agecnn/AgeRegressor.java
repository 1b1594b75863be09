package io.pggan.agecnn;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.agecnn.network.AgeNet;
import io.pggan.agecnn.network.Xception;
import io.pggan.agecnn.training.Augmentation;
import io.pggan.agecnn.training.Augmenter;
import io.pggan.agecnn.training.LearningRateSchedule;
import io.pggan.agecnn.weights.ImportReport;
import io.pggan.agecnn.weights.NamedArray;
import io.pggan.agecnn.weights.WeightFile;
import io.pggan.agecnn.weights.WeightImporter;
import io.pggan.engine.PgganEngine;
import io.pggan.io.AtomicFiles;
import io.pggan.io.Json;
import io.pggan.random.Permutation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
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
    static final String CONFIG_FILE = "agecnn.json";
    static final String WEIGHTS_FILE = "weights.npz";
    static final String FORMAT = "pggan-agecnn/1";
    private static final ObjectMapper JSON = Json.lenient();

    private final AgeRegressorConfig config;
    private final Device device;
    private final Model model;
    private final AgeNet net;
    private float targetMean = 120f;
    private float targetSd = 40f;
    private TrainingHistory history;

    private AgeRegressor(AgeRegressorConfig config) {
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
    }

    /** A builder with the defaults of {@link AgeRegressorConfig.Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    private Shape[] inputShapes(long batch, long size) {
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
     * Trains the model, keeping the parameters of the epoch with the best validation MAE.
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

        int batch = Math.min(config.batchSize(), train.size());
        int stepsPerEpoch = train.size() / batch;
        Tracker lr =
                config.schedule().tracker(config.learningRate(), stepsPerEpoch * config.epochs());
        DefaultTrainingConfig trainingConfig =
                new DefaultTrainingConfig(Loss.l1Loss())
                        .optOptimizer(Optimizer.adam().optLearningRateTracker(lr).build())
                        .optDevices(new Device[] {device});
        Random random = new Random(config.seed());
        Augmenter augmenter = new Augmenter(config.augmentation());
        List<EpochResult> epochs = new ArrayList<>();
        List<NamedArray> bestWeights = null;
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int sinceBest = 0;
        boolean stoppedEarly = false;
        int per = train.imageLength();
        float[] images = new float[batch * per];
        float[] targets = new float[batch];
        float[] sexes = new float[batch];
        int updates = 0;
        long runStart = System.nanoTime();
        try (Trainer trainer = model.newTrainer(trainingConfig)) {
            trainer.initialize(inputShapes(batch, train.height()));
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long start = System.nanoTime();
                int[] order = Permutation.of(train.size(), random);
                double lossSum = 0;
                int seen = 0;
                try (ProgressBar bar =
                        progressBar("epoch " + epoch + "/" + config.epochs(), stepsPerEpoch)) {
                    for (int s = 0; s < stepsPerEpoch; s++) {
                        for (int k = 0; k < batch; k++) {
                            int i = order[s * batch + k];
                            augmenter.apply(
                                    imageArray(train),
                                    i * per,
                                    images,
                                    k * per,
                                    train.channels(),
                                    train.height(),
                                    train.width(),
                                    random);
                            targets[k] = (train.age(i) - targetMean) / targetSd;
                            sexes[k] = train.hasSex() ? train.sex(i).asFloat() : 0f;
                        }
                        float loss =
                                trainStep(
                                        trainer,
                                        images,
                                        targets,
                                        sexes,
                                        new Shape(
                                                batch,
                                                train.channels(),
                                                train.height(),
                                                train.width()));
                        updates++;
                        lossSum += loss * batch;
                        seen += batch;
                        if (bar != null) {
                            bar.step();
                            bar.setExtraMessage(
                                    String.format(" MAE %.2f mo", lossSum / seen * targetSd));
                        }
                    }
                }
                double trainMae = lossSum / seen * targetSd;
                double valMae = validation == null ? Double.NaN : evaluate(validation).mae();
                double score = validation == null ? trainMae : valMae;
                boolean improved = score < best;
                if (improved) {
                    best = score;
                    bestEpoch = epoch;
                    sinceBest = 0;
                    bestWeights = WeightImporter.export(net.namedParameters());
                } else {
                    sinceBest++;
                }
                EpochResult result =
                        new EpochResult(
                                epoch,
                                trainMae,
                                valMae,
                                lr.getNewValue(updates),
                                (System.nanoTime() - start) / 1e9,
                                improved);
                epochs.add(result);
                LOG.info(
                        "epoch {}: train MAE {} mo, validation MAE {} mo{}",
                        epoch,
                        fmt(trainMae),
                        fmt(valMae),
                        improved ? " (best)" : "");
                for (AgeTrainingListener listener : listeners) {
                    listener.onEpochEnd(result);
                }
                if (validation != null && config.patience() > 0 && sinceBest >= config.patience()) {
                    stoppedEarly = epoch < config.epochs();
                    LOG.info(
                            "early stop after epoch {}: no better validation MAE for {} epochs",
                            epoch,
                            sinceBest);
                    break;
                }
                double minutes = (System.nanoTime() - runStart) / 60e9;
                if (config.timeLimitMinutes() > 0
                        && minutes >= config.timeLimitMinutes()
                        && epoch < config.epochs()) {
                    stoppedEarly = true;
                    LOG.info(
                            "time limit of {} min reached after epoch {}",
                            config.timeLimitMinutes(),
                            epoch);
                    break;
                }
                if (!Double.isFinite(trainMae)) {
                    throw new IllegalStateException(
                            "training diverged at epoch "
                                    + epoch
                                    + " (loss "
                                    + trainMae
                                    + "); lower the learning rate");
                }
            }
        }
        if (bestWeights != null) {
            WeightImporter.apply(toMap(bestWeights), net.namedParameters());
        }
        history = new TrainingHistory(epochs, bestEpoch, stoppedEarly);
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

    private static String fmt(double v) {
        return String.format("%.2f", v);
    }

    private ProgressBar progressBar(String task, int steps) {
        if (!config.progressBar()) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .build();
    }

    private float trainStep(
            Trainer trainer, float[] images, float[] targets, float[] sexes, Shape shape) {
        float loss;
        try (NDManager step = trainer.getManager().newSubManager()) {
            NDArray x = step.create(images, shape);
            NDArray y = step.create(targets, new Shape(shape.get(0), 1));
            NDList inputs =
                    config.useSex()
                            ? new NDList(x, step.create(sexes, new Shape(shape.get(0), 1)))
                            : new NDList(x);
            zeroGradients();
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray prediction = trainer.forward(inputs).singletonOrThrow();
                NDArray l1 = prediction.sub(y).abs().mean();
                collector.backward(l1);
                loss = l1.getFloat();
            }
            trainer.step();
        }
        return loss;
    }

    /** PyTorch accumulates gradients across backward calls; each step must start from zero. */
    private void zeroGradients() {
        for (Parameter p : net.getParameters().values()) {
            NDArray array = p.getArray();
            if (p.requiresGradient() && array.hasGradient()) {
                try (NDArray gradient = array.getGradient()) {
                    gradient.subi(gradient);
                }
            }
        }
    }

    private static Map<String, NamedArray> toMap(List<NamedArray> arrays) {
        Map<String, NamedArray> map = new java.util.LinkedHashMap<>();
        arrays.forEach(a -> map.put(a.name(), a));
        return map;
    }

    private static float[] imageArray(AgeDataset data) {
        return data.imagesView();
    }

    // ------------------------------------------------------------------ inference

    /**
     * Predicts ages in months for a model without a sex input.
     *
     * @param images {@code [N, C, H, W]} in [-1, 1]
     * @return one age per image
     */
    public float[] predict(NDArray images) {
        return predict(images, null);
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
        checkInputs(images, sex);
        long n = images.getShape().get(0);
        float[] out = new float[(int) n];
        int bs = config.evalBatchSize();
        for (long from = 0; from < n; from += bs) {
            long to = Math.min(n, from + bs);
            try (NDManager scope = model.getNDManager().newSubManager()) {
                NDArray x = slice(images, from, to, scope);
                NDList inputs = new NDList(x);
                if (sex != null) {
                    inputs.add(
                            slice(sex, from, to, scope)
                                    .toType(DataType.FLOAT32, false)
                                    .reshape(-1, 1));
                }
                float[] normalised = forward(scope, inputs);
                for (int k = 0; k < normalised.length; k++) {
                    out[(int) from + k] = normalised[k] * targetSd + targetMean;
                }
            }
        }
        return out;
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
        checkInputs(images, sex);
        long n = images.getShape().get(0);
        int f = featureSize();
        float[] months = new float[(int) n];
        float[] all = new float[(int) (n * f)];
        int bs = config.evalBatchSize();
        for (long from = 0; from < n; from += bs) {
            long to = Math.min(n, from + bs);
            try (NDManager scope = model.getNDManager().newSubManager()) {
                ParameterStore store = new ParameterStore(scope, false);
                NDArray x = slice(images, from, to, scope);
                NDArray features =
                        net.trunk().forward(store, new NDList(x), false).singletonOrThrow();
                NDArray s = sex == null ? null : slice(sex, from, to, scope);
                float[] normalised =
                        net.head(
                                        store,
                                        features,
                                        s == null ? null : s.toType(DataType.FLOAT32, false),
                                        false)
                                .toFloatArray();
                for (int k = 0; k < normalised.length; k++) {
                    months[(int) from + k] = normalised[k] * targetSd + targetMean;
                }
                float[] part = features.toFloatArray();
                System.arraycopy(part, 0, all, (int) (from * f), part.length);
            }
        }
        return new AgesAndFeatures(months, images.getManager().create(all, new Shape(n, f)));
    }

    /** Refuses images of the wrong shape and a sex input the model does not match. */
    private void checkInputs(NDArray images, NDArray sex) {
        net.trunk().checkInputShape(images.getShape());
        long n = images.getShape().get(0);
        if (config.useSex() && sex == null) {
            throw new IllegalArgumentException(
                    "this model takes sex as an input (useSex=true): pass a sex array of "
                            + n
                            + " values (1 = male, 0 = female)");
        }
        if (!config.useSex() && sex != null) {
            throw new IllegalArgumentException(
                    "this model was built without a sex input (useSex=false): pass sex = null");
        }
        if (sex != null && sex.size() != n) {
            throw new IllegalArgumentException(
                    "sex has " + sex.size() + " values for " + n + " images");
        }
    }

    /**
     * Predicts the ages of a dataset (with its sex column when the model uses sex).
     *
     * @param data the images
     * @return one age per image in months
     */
    public float[] predict(AgeDataset data) {
        checkDataset(data, "dataset");
        float[] out = new float[data.size()];
        int bs = config.evalBatchSize();
        int per = data.imageLength();
        for (int from = 0; from < data.size(); from += bs) {
            int to = Math.min(data.size(), from + bs);
            try (NDManager scope = model.getNDManager().newSubManager()) {
                NDList inputs = batchInputs(scope, data, from, to, per);
                float[] normalised = forward(scope, inputs);
                for (int k = 0; k < normalised.length; k++) {
                    out[from + k] = normalised[k] * targetSd + targetMean;
                }
            }
        }
        return out;
    }

    /** Rows {@code from..to} of a caller's array, owned by {@code scope} (nothing left behind). */
    private NDArray slice(NDArray array, long from, long to, NDManager scope) {
        NDArray rows = array.get(new NDIndex("{}:{}", from, to));
        rows.attach(scope);
        return rows.toDevice(device, false);
    }

    private NDList batchInputs(NDManager scope, AgeDataset data, int from, int to, int per) {
        float[] buffer = Arrays.copyOfRange(data.imagesView(), from * per, to * per);
        NDArray x =
                scope.create(
                                buffer,
                                new Shape(to - from, data.channels(), data.height(), data.width()))
                        .toDevice(device, false);
        NDList inputs = new NDList(x);
        if (config.useSex()) {
            float[] s = new float[to - from];
            for (int i = from; i < to; i++) {
                s[i - from] = data.sex(i).asFloat();
            }
            inputs.add(scope.create(s, new Shape(to - from, 1)).toDevice(device, false));
        }
        return inputs;
    }

    private float[] forward(NDManager scope, NDList inputs) {
        ParameterStore store = new ParameterStore(scope, false);
        return net.forward(store, inputs, false).singletonOrThrow().toFloatArray();
    }

    /**
     * The pooled Xception features ({@link #featureSize()} per image; 2048 at full width, {@code
     * round(2048 * widthMultiplier)} otherwise), computed in inference mode.
     *
     * @param images {@code [N, C, H, W]} in [-1, 1]
     * @return {@code [N, featureSize]}, attached to the images' manager
     */
    public NDArray features(NDArray images) {
        net.trunk().checkInputShape(images.getShape());
        long n = images.getShape().get(0);
        int f = featureSize();
        float[] all = new float[(int) (n * f)];
        int bs = config.evalBatchSize();
        for (long from = 0; from < n; from += bs) {
            long to = Math.min(n, from + bs);
            try (NDManager scope = model.getNDManager().newSubManager()) {
                NDArray x = slice(images, from, to, scope);
                ParameterStore store = new ParameterStore(scope, false);
                float[] part =
                        net.trunk()
                                .forward(store, new NDList(x), false)
                                .singletonOrThrow()
                                .toFloatArray();
                System.arraycopy(part, 0, all, (int) (from * f), part.length);
            }
        }
        return images.getManager().create(all, new Shape(n, f));
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

    private void checkDataset(AgeDataset data, String what) {
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

    /** The JSON written next to the weights. */
    record SavedModel(
            @JsonProperty("format") String format,
            @JsonProperty("config") AgeRegressorConfig config,
            @JsonProperty("targetMean") float targetMean,
            @JsonProperty("targetSd") float targetSd,
            @JsonProperty("history") TrainingHistory history) {}

    /**
     * Saves the model into a folder: {@code agecnn.json} (configuration, target normalisation and
     * training history, readable JSON) and {@code weights.npz} (every parameter under its
     * Keras-style name, the {@link WeightImporter} format). Each file is written atomically.
     *
     * @param folder the folder (created if needed)
     */
    public void save(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create model folder " + folder, e);
        }
        WeightFile.write(
                folder.resolve(WEIGHTS_FILE), WeightImporter.export(net.namedParameters()));
        SavedModel saved = new SavedModel(FORMAT, config, targetMean, targetSd, history);
        byte[] json = jsonBytes(saved);
        AtomicFiles.write(folder.resolve(CONFIG_FILE), out -> out.write(json));
        LOG.info("saved age model to {}", folder);
    }

    private static byte[] jsonBytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the model configuration", e);
        }
    }

    /**
     * Loads a model written by {@link #save}.
     *
     * @param folder the model folder
     * @return the model, ready to predict or train further
     * @throws IllegalArgumentException naming the file when it is malformed or does not fit
     */
    public static AgeRegressor load(Path folder) {
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
                            WeightFile.read(weightsFile), regressor.net.namedParameters());
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
        regressor.targetMean = saved.targetMean();
        regressor.targetSd = saved.targetSd();
        regressor.history = saved.history();
        return regressor;
    }

    @Override
    public void close() {
        model.close();
    }

    /**
     * Builds an {@link AgeRegressor}; see {@link AgeRegressorConfig} for what each setting means.
     */
    public static final class Builder {
        private AgeRegressorConfig.Builder config = new AgeRegressorConfig.Builder();

        private Builder() {}

        /** Starts from a whole configuration (later setters override it). */
        public Builder config(AgeRegressorConfig c) {
            config = c.toBuilder();
            return this;
        }

        public Builder inputChannels(int v) {
            config.inputChannels(v);
            return this;
        }

        public Builder widthMultiplier(double v) {
            config.widthMultiplier(v);
            return this;
        }

        public Builder useSex(boolean v) {
            config.useSex(v);
            return this;
        }

        public Builder hiddenUnits(int v) {
            config.hiddenUnits(v);
            return this;
        }

        public Builder batchNormMomentum(float v) {
            config.batchNormMomentum(v);
            return this;
        }

        public Builder epochs(int v) {
            config.epochs(v);
            return this;
        }

        public Builder batchSize(int v) {
            config.batchSize(v);
            return this;
        }

        public Builder learningRate(float v) {
            config.learningRate(v);
            return this;
        }

        public Builder schedule(LearningRateSchedule v) {
            config.schedule(v);
            return this;
        }

        public Builder patience(int v) {
            config.patience(v);
            return this;
        }

        public Builder augmentation(Augmentation v) {
            config.augmentation(v);
            return this;
        }

        public Builder seed(long v) {
            config.seed(v);
            return this;
        }

        public Builder evalBatchSize(int v) {
            config.evalBatchSize(v);
            return this;
        }

        public Builder progressBar(boolean v) {
            config.progressBar(v);
            return this;
        }

        public Builder timeLimitMinutes(double v) {
            config.timeLimitMinutes(v);
            return this;
        }

        /** Validates the configuration and creates the (randomly initialised) model. */
        public AgeRegressor build() {
            return new AgeRegressor(config.build());
        }
    }
}
