package io.pggan.agecnn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.pggan.agecnn.training.Augmenter;
import io.pggan.agecnn.training.EarlyStopping;
import io.pggan.agecnn.training.TimeLimit;
import io.pggan.agecnn.training.TrainingStopped;
import io.pggan.agecnn.weights.NamedArray;
import io.pggan.agecnn.weights.WeightImporter;
import io.pggan.random.Permutation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop of {@link AgeRegressor#fit}: Adam on the L1 loss of the normalised age,
 * shuffled and augmented batches, validation after each epoch, the best epoch's parameters kept.
 * When to stop is up to {@link AgeTrainingListener}s, as in DJL: the caller's, then {@link
 * EarlyStopping} (with a validation set) and {@link TimeLimit}, any of which may throw {@link
 * TrainingStopped}.
 */
final class AgeTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(AgeTrainer.class);

    private final AgeRegressor model;
    private final AgeRegressorConfig config;

    AgeTrainer(AgeRegressor model) {
        this.model = model;
        this.config = model.config();
    }

    TrainingHistory fit(
            AgeDataset train,
            AgeDataset validation,
            List<? extends AgeTrainingListener> callerListeners) {
        int batch = Math.min(config.batchSize(), train.size());
        int stepsPerEpoch = train.size() / batch;
        Tracker lr =
                config.schedule().tracker(config.learningRate(), stepsPerEpoch * config.epochs());
        DefaultTrainingConfig trainingConfig =
                new DefaultTrainingConfig(Loss.l1Loss())
                        .optOptimizer(Optimizer.adam().optLearningRateTracker(lr).build())
                        .optDevices(new Device[] {model.device()});
        Random random = new Random(config.seed());
        Augmenter augmenter = new Augmenter(config.augmentation());
        List<EpochResult> epochs = new ArrayList<>();
        List<NamedArray> bestWeights = null;
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        boolean stoppedEarly = false;
        int per = train.imageLength();
        float[] images = new float[batch * per];
        float[] targets = new float[batch];
        float[] sexes = new float[batch];
        int updates = 0;
        List<AgeTrainingListener> listeners = new ArrayList<>(callerListeners);
        if (validation != null) {
            listeners.add(new EarlyStopping(config.patience()));
        }
        listeners.add(new TimeLimit(config.timeLimitMinutes()));
        float mean = model.targetMean();
        float sd = model.targetSd();
        try (Trainer trainer = model.djlModel().newTrainer(trainingConfig)) {
            trainer.initialize(model.inputShapes(batch, train.height()));
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
                                    train.imagesView(),
                                    i * per,
                                    images,
                                    k * per,
                                    train.channels(),
                                    train.height(),
                                    train.width(),
                                    random);
                            targets[k] = (train.age(i) - mean) / sd;
                            sexes[k] = train.hasSex() ? train.sex(i).asFloat() : 0f;
                        }
                        float loss =
                                step(
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
                            bar.setExtraMessage(String.format(" MAE %.2f mo", lossSum / seen * sd));
                        }
                    }
                }
                double trainMae = lossSum / seen * sd;
                double valMae = validation == null ? Double.NaN : model.evaluate(validation).mae();
                double score = validation == null ? trainMae : valMae;
                boolean improved = score < best;
                if (improved) {
                    best = score;
                    bestEpoch = epoch;
                    bestWeights = WeightImporter.export(model.network().namedParameters());
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
                try {
                    for (AgeTrainingListener listener : listeners) {
                        listener.onEpochEnd(result);
                    }
                } catch (TrainingStopped stop) {
                    stoppedEarly = epoch < config.epochs();
                    LOG.info("{}", stop.getMessage());
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
            Map<String, NamedArray> map = new LinkedHashMap<>();
            bestWeights.forEach(a -> map.put(a.name(), a));
            WeightImporter.apply(map, model.network().namedParameters());
        }
        return new TrainingHistory(epochs, bestEpoch, stoppedEarly);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
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

    private float step(
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
        for (Parameter p : model.network().getParameters().values()) {
            NDArray array = p.getArray();
            if (p.requiresGradient() && array.hasGradient()) {
                try (NDArray gradient = array.getGradient()) {
                    gradient.subi(gradient);
                }
            }
        }
    }
}
