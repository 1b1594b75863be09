package io.pggan.spark;

import io.pggan.agecnn.AgeCnnPredictor;
import io.pggan.agecnn.AgeRegressor;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganLatentGenerator;
import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models of an executor JVM: loaded on first use from the job's files and kept for the JVM's
 * life, so later tasks and jobs reuse them. A task borrows a set and gives it back; a set is never
 * used by two tasks at once (DJL predictors are not meant to be shared between threads), so an
 * executor loads as many sets as it runs tasks at the same time: once with one task slot per
 * executor, the usual layout for PyTorch work (see the README's recipe).
 */
final class ExecutorModels {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
    private static final Map<String, Queue<Loaded>> FREE = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ExecutorModels() {}

    /** A generator and an age CNN, on loan to one task. */
    static final class Loaded implements AutoCloseable {
        final PgganLatentGenerator generator;
        final AgeCnnPredictor age;
        private final String key;

        private Loaded(PgganLatentGenerator generator, AgeCnnPredictor age, String key) {
            this.generator = generator;
            this.age = age;
            this.key = key;
        }

        /** Gives the set back to the pool (the models stay loaded). */
        @Override
        public void close() {
            FREE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(this);
        }
    }

    /** How many model sets this JVM has loaded (for tests and logs). */
    static int loads() {
        return LOADS.get();
    }

    /**
     * Borrows the models of {@code files}, loading them if no free set is loaded, and checks that
     * this executor's copy of the files is the job's (by their ids).
     */
    static Loaded borrow(ModelFiles files, String generatorId, String ageId) {
        Path gan = files.ship() ? shipped(files.ganWeights()) : Path.of(files.ganWeights());
        // the age model's two files arrive side by side in the job's file folder
        Path age =
                files.ship()
                        ? shipped(Path.of(files.ageModel(), ModelFiles.AGE_WEIGHTS).toString())
                                .getParent()
                        : Path.of(files.ageModel());
        String key = gan + "|" + age + "|" + files.cnnInputSize() + "|" + generatorId + "|" + ageId;
        Queue<Loaded> free = FREE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>());
        Loaded l = free.poll();
        return l != null ? l : load(gan, age, files.cnnInputSize(), generatorId, ageId, key);
    }

    /** This executor's copy of a file the driver shipped with {@code addFile}. */
    private static Path shipped(String driverPath) {
        return Path.of(SparkFiles.get(Path.of(driverPath).getFileName().toString()));
    }

    private static Loaded load(
            Path gan, Path age, int inputSize, String generatorId, String ageId, String key) {
        String gotGenerator = ModelFiles.generatorId(gan);
        if (!gotGenerator.equals(generatorId)) {
            throw new IllegalStateException(
                    "this executor's GAN weights "
                            + gan
                            + " are "
                            + gotGenerator
                            + ", the job's are "
                            + generatorId);
        }
        String gotAge = ModelFiles.ageModelId(age);
        if (!gotAge.equals(ageId)) {
            throw new IllegalStateException(
                    "this executor's age model " + age + " is " + gotAge + ", the job's " + ageId);
        }
        long t0 = System.nanoTime();
        // PyTorch's intra-op threads: the task's share of the executor (spark.task.cpus), unless
        // -Dai.djl.pytorch.num_threads says otherwise; fixed by the first start in this JVM
        TaskContext task = TaskContext.get();
        PgganEngine.start(task != null ? task.cpus() : Runtime.getRuntime().availableProcessors());
        Pggan g = Pggan.load(gan);
        AgeCnnPredictor predictor;
        try {
            predictor = new AgeCnnPredictor(AgeRegressor.load(age), inputSize);
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
        LOADS.incrementAndGet();
        LOG.info(
                "loaded {} and {} in {} ms",
                generatorId,
                ageId,
                String.format(java.util.Locale.ROOT, "%.0f", (System.nanoTime() - t0) / 1e6));
        return new Loaded(new PgganLatentGenerator(g, generatorId), predictor, key);
    }
}
