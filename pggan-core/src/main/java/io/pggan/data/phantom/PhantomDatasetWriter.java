package io.pggan.data.phantom;

import io.pggan.data.Progress;
import io.pggan.data.Sex;
import io.pggan.data.rsna.RsnaDataset;
import io.pggan.io.Csv;
import io.pggan.io.ImagePng;
import io.pggan.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes phantoms in the RSNA training layout, so the RSNA reader reads them:
 *
 * <pre>
 * root/boneage-training-dataset.csv      id,boneage,male
 * root/boneage-training-dataset/&lt;id&gt;.png
 * root/phantoms.json                       the generator settings
 * root/phantom-truth.csv                   ground truth per image (carpals, epiphyses, pose...)
 * </pre>
 *
 * Images are rendered on all cores; every file goes to a temporary name in its folder and is
 * renamed atomically, and the CSV is written last, so a dataset with a CSV is complete.
 */
public final class PhantomDatasetWriter {
    private static final Logger LOG = LoggerFactory.getLogger(PhantomDatasetWriter.class);

    /** Ground truth per image beyond age and sex (for analyses), written next to the CSV. */
    public static final String TRUTH_CSV = "phantom-truth.csv";

    /** Image folder name of the training layout. */
    public static final String IMAGE_FOLDER = "boneage-training-dataset";

    private final HandPhantoms phantoms;
    private final int count;
    private final long firstId;
    private final int threads;
    private final boolean progress;

    private PhantomDatasetWriter(Builder b) {
        this.phantoms = Objects.requireNonNull(b.phantoms, "phantoms");
        if (b.count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + b.count);
        }
        if (b.firstId < 0) {
            throw new IllegalArgumentException("firstId must be >= 0, got " + b.firstId);
        }
        if (b.threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + b.threads);
        }
        this.count = b.count;
        this.firstId = b.firstId;
        this.threads = b.threads;
        this.progress = b.progress;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the dataset.
     *
     * @param root output folder (created)
     * @return the CSV written
     */
    public Path write(Path root) {
        Path images = root.resolve(IMAGE_FOLDER);
        try {
            Files.createDirectories(images);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot create " + images, e);
        }
        double[] ages = new double[count];
        Sex[] sexes = new Sex[count];
        PhantomTruth[] truths = new PhantomTruth[count];
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        long start = System.nanoTime();
        try (Progress bar = Progress.of("phantoms", count, progress)) {
            List<Future<?>> jobs = new ArrayList<>();
            AtomicInteger next = new AtomicInteger();
            for (int t = 0; t < threads; t++) {
                jobs.add(
                        pool.submit(
                                () -> {
                                    for (int i = next.getAndIncrement();
                                            i < count && !Thread.currentThread().isInterrupted();
                                            i = next.getAndIncrement()) {
                                        ages[i] = phantoms.ageMonths(i);
                                        sexes[i] = phantoms.sex(i);
                                        Phantom p = phantoms.render(ages[i], sexes[i], i);
                                        truths[i] = p.truth();
                                        ImagePng.write(
                                                images.resolve((firstId + i) + ".png"), p.image());
                                        bar.step();
                                    }
                                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing phantoms to " + root, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            throw new IllegalStateException("writing phantoms to " + root + " failed", c);
        } finally {
            pool.shutdownNow();
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("generator", HandPhantoms.class.getName());
        info.put("seed", phantoms.seed());
        info.put("resolution", phantoms.resolution());
        info.put("variation", String.valueOf(phantoms.variation()));
        info.put("count", count);
        info.put("firstId", firstId);
        Json.write(root.resolve("phantoms.json"), info);
        Csv.Table truth =
                Csv.table(
                        "id",
                        "boneage",
                        "male",
                        "hand_length_mm",
                        "pixels_per_mm",
                        "rotation_deg",
                        "ossified_carpals",
                        "epiphyses_visible",
                        "epiphyses_fused",
                        "sesamoid",
                        "marker",
                        "marker_corner",
                        "collimated");
        for (int i = 0; i < count; i++) {
            PhantomTruth t = truths[i];
            truth.row(
                    firstId + i,
                    formatAge(t.ageMonths()),
                    pythonBool(t.sex() == Sex.MALE),
                    String.format(Locale.ROOT, "%.2f", t.handLengthMm()),
                    String.format(Locale.ROOT, "%.4f", t.pixelsPerMm()),
                    String.format(Locale.ROOT, "%.2f", t.rotationDegrees()),
                    t.ossifiedCarpals().size(),
                    t.epiphysesVisible(),
                    t.epiphysesFused(),
                    pythonBool(t.sesamoid()),
                    t.marker(),
                    t.markerCorner(),
                    pythonBool(t.collimated()));
        }
        truth.write(root.resolve(TRUTH_CSV));
        Csv.Table csv = Csv.table("id", "boneage", "male");
        for (int i = 0; i < count; i++) {
            csv.row(firstId + i, formatAge(ages[i]), pythonBool(sexes[i] == Sex.MALE));
        }
        Path csvFile = root.resolve(RsnaDataset.TRAINING_CSV);
        csv.write(csvFile);
        LOG.info(
                "Wrote {} phantoms at {}x{} to {} in {} ms",
                count,
                phantoms.resolution(),
                phantoms.resolution(),
                root,
                (System.nanoTime() - start) / 1_000_000);
        return csvFile;
    }

    /** RSNA's spelling of a boolean. */
    private static String pythonBool(boolean v) {
        return v ? "True" : "False";
    }

    private static String formatAge(double age) {
        if (age == StrictMath.rint(age)) {
            return Long.toString((long) age);
        }
        return Double.toString(age);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "phantom-writer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Builder of {@link PhantomDatasetWriter}. */
    public static final class Builder {
        private HandPhantoms phantoms;
        private int count = 1000;
        private long firstId = 1;
        private int threads = Runtime.getRuntime().availableProcessors();
        private boolean progress = true;

        private Builder() {}

        /** The generator (seed, resolution, variation). */
        public Builder phantoms(HandPhantoms phantoms) {
            this.phantoms = phantoms;
            return this;
        }

        /** Number of images (default 1000); phantom {@code i} gets id {@code firstId + i}. */
        public Builder count(int count) {
            this.count = count;
            return this;
        }

        /** Id of the first image (default 1). */
        public Builder firstId(long firstId) {
            this.firstId = firstId;
            return this;
        }

        /** Worker threads (default: all cores). */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Whether to show a console progress bar (default true). */
        public Builder progress(boolean progress) {
            this.progress = progress;
            return this;
        }

        /** The writer. */
        public PhantomDatasetWriter build() {
            return new PhantomDatasetWriter(this);
        }
    }
}
