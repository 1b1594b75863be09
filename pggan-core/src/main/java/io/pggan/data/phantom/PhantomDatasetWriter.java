package io.pggan.data.phantom;

import io.pggan.data.Progress;
import io.pggan.data.Sex;
import io.pggan.data.rsna.RsnaDataset;
import io.pggan.io.AtomicFiles;
import io.pggan.io.ImagePng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        AtomicFiles.writeString(
                root.resolve("phantoms.json"),
                String.format(
                        Locale.ROOT,
                        "{\n  \"generator\": \"io.pggan.data.phantom.HandPhantoms\",\n"
                                + "  \"seed\": %d,\n  \"resolution\": %d,\n  \"variation\": \"%s\",\n"
                                + "  \"count\": %d,\n  \"firstId\": %d\n}\n",
                        phantoms.seed(),
                        phantoms.resolution(),
                        phantoms.variation(),
                        count,
                        firstId));
        StringBuilder truth = new StringBuilder(count * 80 + 200);
        truth.append(
                "id,boneage,male,hand_length_mm,pixels_per_mm,rotation_deg,ossified_carpals,"
                        + "epiphyses_visible,epiphyses_fused,sesamoid,marker,marker_corner,"
                        + "collimated\n");
        for (int i = 0; i < count; i++) {
            PhantomTruth t = truths[i];
            truth.append(firstId + i)
                    .append(',')
                    .append(formatAge(t.ageMonths()))
                    .append(',')
                    .append(t.sex() == Sex.MALE ? "True" : "False")
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    ",%.2f,%.4f,%.2f,",
                                    t.handLengthMm(),
                                    t.pixelsPerMm(),
                                    t.rotationDegrees()))
                    .append(t.ossifiedCarpals().size())
                    .append(',')
                    .append(t.epiphysesVisible())
                    .append(',')
                    .append(t.epiphysesFused())
                    .append(',')
                    .append(t.sesamoid() ? "True" : "False")
                    .append(',')
                    .append(t.marker())
                    .append(',')
                    .append(t.markerCorner())
                    .append(',')
                    .append(t.collimated() ? "True" : "False")
                    .append('\n');
        }
        AtomicFiles.writeString(root.resolve(TRUTH_CSV), truth.toString());
        StringBuilder csv = new StringBuilder(count * 16 + 32);
        csv.append("id,boneage,male\n");
        for (int i = 0; i < count; i++) {
            csv.append(firstId + i)
                    .append(',')
                    .append(formatAge(ages[i]))
                    .append(',')
                    .append(sexes[i] == Sex.MALE ? "True" : "False")
                    .append('\n');
        }
        Path csvFile = root.resolve(RsnaDataset.TRAINING_CSV);
        AtomicFiles.writeString(csvFile, csv.toString());
        LOG.info(
                "Wrote {} phantoms at {}x{} to {} in {} ms",
                count,
                phantoms.resolution(),
                phantoms.resolution(),
                root,
                (System.nanoTime() - start) / 1_000_000);
        return csvFile;
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
