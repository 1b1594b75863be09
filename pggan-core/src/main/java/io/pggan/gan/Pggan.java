package io.pggan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.pggan.data.MinibatchSource;
import io.pggan.data.labels.LabelSpec;
import io.pggan.data.labels.Labels;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.network.ReplicaParameterStore;
import io.pggan.gan.training.Checkpoints;
import io.pggan.gan.training.ConsoleProgressListener;
import io.pggan.gan.training.GanState;
import io.pggan.gan.training.GsSampler;
import io.pggan.gan.training.PgganTrainer;
import io.pggan.gan.training.TrainingCounters;
import io.pggan.gan.training.TrainingListener;
import io.pggan.gan.training.TrainingSchedule.Position;
import io.pggan.io.ImageGrid;
import io.pggan.io.ImagePng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A Progressive Growing GAN: build, train on a {@link MinibatchSource}, generate images with the
 * moving-average generator Gs, save and load.
 *
 * <pre>{@code
 * try (Pggan gan = Pggan.builder().latentDim(512).resolution(1024).channels(1)
 *         .runDirectory(Path.of("runs/hands")).build()) {
 *     gan.train(source);
 *     NDArray images = gan.generate(16, 42L);
 *     gan.writeGrid(Path.of("samples.png"), images, 4);
 * }
 * }</pre>
 *
 * <p>A conditional model ({@code .labels(LabelSpec.ageAndSex())}) trains on a source with labels
 * and generates "this age, this sex": {@code gan.generate(16, 42L, Labels.of(120, Sex.MALE))}.
 *
 * <p>With a run directory, training writes {@code checkpoint.zip} there at the configured interval,
 * and {@link PgganBuilder#build()} resumes from it when it exists (refusing a checkpoint whose
 * latent size, resolution or channels differ from the builder's).
 */
public final class Pggan implements AutoCloseable {
    private final NDManager manager;
    private final GanState state;
    private final Path runDirectory;

    Pggan(NDManager manager, GanState state, Path runDirectory) {
        this.manager = manager;
        this.state = state;
        this.runDirectory = runDirectory;
    }

    /** A builder starting from the official configuration. */
    public static PgganBuilder builder() {
        return new PgganBuilder();
    }

    /**
     * Loads a model saved with {@link #save(Path)} (or a run's checkpoint), with the configuration
     * stored in it.
     */
    public static Pggan load(Path file) {
        PgganEngine engine = PgganEngine.start();
        NDManager manager = NDManager.newBaseManager(engine.device());
        try {
            return new Pggan(manager, Checkpoints.read(file, manager, null), null);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The configuration. */
    public PgganConfig config() {
        return state.config();
    }

    /** Networks, optimizers and counters (for advanced use and tests). */
    public GanState state() {
        return state;
    }

    /** Where the run stands. */
    public TrainingCounters counters() {
        return state.counters();
    }

    /** The schedule's current position (resolution, alpha, minibatch, learning rates). */
    public Position position() {
        return state.position(1);
    }

    /**
     * Trains to the end of the schedule ({@code schedule.totalKimg}).
     *
     * @param source real images in [-1, 1]
     * @param listeners progress receivers
     * @return the counters afterwards
     */
    public TrainingCounters train(MinibatchSource source, TrainingListener... listeners) {
        return train(source, Long.MAX_VALUE, listeners);
    }

    /**
     * Trains at most {@code maxIterations} more iterations (or to the end of the schedule).
     *
     * @param source real images in [-1, 1]
     * @param maxIterations iteration budget of this call
     * @param listeners progress receivers
     * @return the counters afterwards
     */
    public TrainingCounters train(
            MinibatchSource source, long maxIterations, TrainingListener... listeners) {
        List<TrainingListener> all = new ArrayList<>(Arrays.asList(listeners));
        ConsoleProgressListener bar = null;
        if (config().run().progressBar()) {
            bar = new ConsoleProgressListener();
            all.add(bar);
        }
        try {
            return new PgganTrainer(state, runDirectory, all).train(source, maxIterations);
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /**
     * Gs images of the given latents at the current resolution and fade-in.
     *
     * @param latents {@code [N, latentDim]}
     * @return {@code [N, channels, r, r]} in about [-1, 1], owned by the latents' manager
     */
    public NDArray generate(NDArray latents) {
        return generate(latents, (NDArray) null);
    }

    /**
     * Gs images of latents and label vectors (a conditional model) at the current resolution and
     * fade-in.
     *
     * @param latents {@code [N, latentDim]}
     * @param labels {@code [N, labelSize]} ({@link #labelVectors}); null for an unconditional model
     * @return {@code [N, channels, r, r]} in about [-1, 1], owned by the latents' manager
     * @throws IllegalArgumentException if labels are missing for a conditional model, given to an
     *     unconditional one, or of the wrong shape
     */
    public NDArray generate(NDArray latents, NDArray labels) {
        if (labels != null && !config().conditional()) {
            throw new IllegalArgumentException(
                    "the model is unconditional: it takes no labels (build it with labels(spec))");
        }
        Position p = position();
        return GsSampler.generate(
                state, latents.getManager(), latents, labels, p.resolution(), p.alpha(), false);
    }

    /** What the model is conditioned on, or null for an unconditional model. */
    public LabelSpec labels() {
        return config().labels();
    }

    /**
     * The label vectors of some labels, {@code [labels.size(), labelSize]}, validated against the
     * model's spec.
     *
     * @throws IllegalArgumentException naming the entry and the field of a bad label, or if the
     *     model is unconditional
     */
    public NDArray labelVectors(NDManager owner, List<Labels> labels) {
        return LabelledSampling.labelVectors(config(), owner, labels);
    }

    /**
     * Gs images of latents {@code 0 .. n-1} of the seed, every one with the same labels ("this age,
     * this sex": {@code generate(16, 42L, Labels.of(120, Sex.MALE))}), in batches as {@link
     * #generate(int, long)}.
     *
     * @return {@code [n, channels, r, r]}, owned by this model
     */
    public NDArray generate(int n, long seed, Labels labels) {
        return generate(n, seed, Collections.nCopies(Math.max(n, 0), labels));
    }

    /**
     * Gs images of latents {@code 0 .. n-1} of the seed with one labels entry per image ({@code n =
     * labels.size()}), in batches as {@link #generate(int, long)}.
     *
     * @return {@code [n, channels, r, r]}, owned by this model
     */
    public NDArray generate(long seed, List<Labels> labels) {
        return generate(labels.size(), seed, labels);
    }

    private NDArray generate(int n, long seed, List<Labels> labels) {
        int r = position().resolution();
        return LabelledSampling.generate(this, manager, r, n, seed, labels);
    }

    /** Latents per batch of {@link #generate(int, long)} and {@link #generateBatches}. */
    public static final int SAMPLE_BATCH = 64;

    /**
     * Gs images of the latents as a differentiable function of them, for GAN inversion: run inside
     * a {@code GradientCollector}, a backward pass of a loss of the images gives its gradient with
     * respect to latents that require gradients. Gs's own weights take no gradients. One pass at
     * the current resolution and fade-in (no chunking: the caller bounds the batch).
     *
     * @param latents {@code [N, latentDim]}
     * @return {@code [N, channels, r, r]}, unclipped, owned by the latents' manager
     */
    public NDArray generateDifferentiable(NDArray latents) {
        Position p = position();
        return state.averagedGenerator()
                .forward(new ReplicaParameterStore(), latents, p.resolution(), p.alpha(), false);
    }

    /** Whether Gs pixel-normalises its latents (then only a latent's direction matters). */
    public boolean normalizesLatents() {
        return config().architecture().normalizeLatents();
    }

    /**
     * Gs images of latents {@code 0 .. n-1} of the seed ({@link LatentSampler}), made in batches of
     * {@link #SAMPLE_BATCH} whose latents and activations are released before the next one: memory
     * is the result plus one batch, whatever {@code n}.
     *
     * @return {@code [n, channels, r, r]}, owned by this model (close it when done)
     */
    public NDArray generate(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        int r = position().resolution();
        NDArray out = manager.zeros(new Shape(n, config().architecture().channels(), r, r));
        generateBatches(
                n,
                seed,
                SAMPLE_BATCH,
                (from, images) ->
                        out.set(
                                new NDIndex(from + ":" + (from + images.getShape().get(0))),
                                images));
        return out;
    }

    /** Receives one batch of generated images. */
    @FunctionalInterface
    public interface BatchConsumer {
        /**
         * @param from index of the batch's first latent
         * @param images {@code [k, channels, r, r]}, released after this call returns
         */
        void accept(long from, NDArray images);
    }

    /**
     * Streams Gs images of latents {@code 0 .. n-1} of the seed, batch by batch, for any {@code n}:
     * each batch's latents, activations and images are released after the consumer returns.
     *
     * @param n number of images
     * @param seed latent seed ({@link LatentSampler})
     * @param batchSize latents per batch
     * @param consumer receives each batch in order
     */
    public void generateBatches(long n, long seed, int batchSize, BatchConsumer consumer) {
        if (n < 1 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "n and batchSize must be at least 1, got " + n + " and " + batchSize);
        }
        int dim = config().architecture().latentDim();
        for (long from = 0; from < n; from += batchSize) {
            int k = (int) Math.min(batchSize, n - from);
            try (NDManager scope = manager.newSubManager()) {
                consumer.accept(from, generate(LatentSampler.latents(scope, seed, from, k, dim)));
            }
        }
    }

    /**
     * Latents {@code 0 .. n-1} of the seed, {@code [n, latentDim]}: the same vectors as every other
     * entry point gives for this seed ({@link LatentSampler}).
     */
    public NDArray latents(NDManager owner, int n, long seed) {
        return latents(owner, seed, 0, n);
    }

    /** Latents {@code from .. from + n - 1} of the seed, {@code [n, latentDim]}. */
    public NDArray latents(NDManager owner, long seed, long from, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        return LatentSampler.latents(owner, seed, from, n, config().architecture().latentDim());
    }

    /**
     * Writes images as {@code prefix000000.png}, ... into a folder, mapped as officially: {@code
     * (x+1)*127.5}, rounded, clipped to [0, 255].
     *
     * @return the files written
     */
    public List<Path> writePngs(Path folder, String prefix, NDArray images) {
        List<Path> out = new ArrayList<>();
        long n = images.getShape().get(0);
        for (long i = 0; i < n; i++) {
            Path file = folder.resolve(String.format("%s%06d.png", prefix, i));
            try (NDArray one = images.get(i)) {
                ImagePng.write(file, one);
            }
            out.add(file);
        }
        return out;
    }

    /** Writes images as one grid PNG, {@code columns} per row. */
    public void writeGrid(Path file, NDArray images, int columns) {
        ImageGrid.write(file, images, columns);
    }

    /** Saves everything (networks, Gs, optimizers, counters, configuration) atomically. */
    public void save(Path file) {
        Checkpoints.write(state, file);
    }

    @Override
    public void close() {
        state.close();
        manager.close();
    }
}
