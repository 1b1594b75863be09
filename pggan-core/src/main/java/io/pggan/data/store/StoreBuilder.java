package io.pggan.data.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.data.DataException;
import io.pggan.data.ImageSource;
import io.pggan.data.Preprocessing;
import io.pggan.data.Progress;
import io.pggan.data.labels.LabelSpec;
import io.pggan.data.labels.LabelTable;
import io.pggan.io.AtomicFiles;
import io.pggan.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link MultiResolutionStore}: decodes every image of a source once and writes all levels
 * ({@link MultiResolutionStore#builder()}).
 */
public final class StoreBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(StoreBuilder.class);
    private static final ObjectMapper JSON = Json.lenient();

    private ImageSource source;
    private Path folder;
    private boolean mirror;
    private int threads = Runtime.getRuntime().availableProcessors();
    private boolean progress = true;
    private LabelSpec labelSpec;
    private LabelTable labelTable;

    StoreBuilder() {}

    /**
     * Stores the labels the source gives ({@link ImageSource#labels}) for a conditional GAN,
     * validated before any image is decoded.
     */
    public StoreBuilder labels(LabelSpec spec) {
        this.labelSpec = spec;
        return this;
    }

    /** Stores these labels (e.g. from a {@code labels.csv}), one per source image. */
    public StoreBuilder labels(LabelTable table) {
        this.labelTable = table;
        return this;
    }

    /** Where the images come from (RSNA dataset, image folder, phantoms). */
    public StoreBuilder source(ImageSource source) {
        this.source = source;
        return this;
    }

    /**
     * The store folder (created; an existing store there is replaced). If never set, a new
     * temporary folder {@code pggan-store-*} is used; the caller deletes it when done (see {@link
     * MultiResolutionStore#folder()}).
     */
    public StoreBuilder folder(Path folder) {
        this.folder = folder;
        return this;
    }

    /** Random left-right mirroring of minibatches (default off). */
    public StoreBuilder mirror(boolean mirror) {
        this.mirror = mirror;
        return this;
    }

    /** Decoding threads (default: all cores). */
    public StoreBuilder threads(int threads) {
        this.threads = threads;
        return this;
    }

    /** Whether to show a console progress bar (default true). */
    public StoreBuilder progress(boolean progress) {
        this.progress = progress;
        return this;
    }

    /**
     * Decodes every image once, writes the level files and then the header (each atomically) and
     * opens the store.
     */
    public MultiResolutionStore build() {
        Objects.requireNonNull(source, "source");
        if (folder == null) {
            try {
                folder = Files.createTempDirectory("pggan-store-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a temporary store folder", e);
            }
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        int count = source.size();
        int res = source.resolution();
        Preprocessing.checkResolution(res);
        if (count < 1) {
            throw new DataException("cannot build a store from an empty source");
        }
        LabelTable table = labelTable;
        if (table == null && labelSpec != null) {
            table = LabelTable.of(labelSpec, count, source::labels, source::describe);
        }
        if (table != null) {
            table.checkCount(count, "the store's source");
        }
        int nLevels = Integer.numberOfTrailingZeros(res) - 1;
        List<StoreHeader.Level> levels = new ArrayList<>();
        Path[] temps = new Path[nLevels];
        FileChannel[] out = new FileChannel[nLevels];
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        threads,
                        r -> {
                            Thread t = new Thread(r, "store-builder");
                            t.setDaemon(true);
                            return t;
                        });
        long start = System.nanoTime();
        try {
            Files.createDirectories(folder);
            for (int i = 0; i < nLevels; i++) {
                int r = 4 << i;
                String name = String.format(java.util.Locale.ROOT, "r%02d.bin", i + 2);
                levels.add(new StoreHeader.Level(r, name));
                AtomicFiles.removeStaleTemps(folder.resolve(name)); // of a killed build
                temps[i] = AtomicFiles.tempSibling(folder.resolve(name));
                out[i] = FileChannel.open(temps[i], StandardOpenOption.WRITE);
            }
            int block = threads * 4;
            try (Progress bar = Progress.of("store", count, progress)) {
                for (int b0 = 0; b0 < count; b0 += block) {
                    List<Future<byte[][]>> jobs = new ArrayList<>();
                    for (int i = b0; i < Math.min(count, b0 + block); i++) {
                        int index = i;
                        jobs.add(pool.submit(() -> decode(source, index, res)));
                    }
                    for (Future<byte[][]> f : jobs) {
                        byte[][] lv = f.get();
                        for (int l = 0; l < nLevels; l++) {
                            ByteBuffer bb = ByteBuffer.wrap(lv[l]);
                            while (bb.hasRemaining()) {
                                out[l].write(bb);
                            }
                        }
                        bar.step();
                    }
                }
            }
            for (int i = 0; i < nLevels; i++) {
                out[i].force(false);
                out[i].close();
                out[i] = null;
            }
            // The level files are renamed one by one: a store rebuilt in place and killed in
            // between would pair the old header with new levels. Without its header the folder is
            // no store at all (open says so) until the new header is written.
            // (a rename, so that it needs no disk space and can be undone)
            Path hf = folder.resolve(MultiResolutionStore.HEADER);
            Path aside = folder.resolve("." + MultiResolutionStore.HEADER + ".replaced");
            boolean hadHeader = Files.isRegularFile(hf);
            if (hadHeader) {
                Files.move(hf, aside, StandardCopyOption.REPLACE_EXISTING);
            }
            for (int i = 0; i < nLevels; i++) {
                try {
                    AtomicFiles.moveAtomically(temps[i], folder.resolve(levels.get(i).file()));
                } catch (IOException e) {
                    if (i == 0 && hadHeader) {
                        Files.move(aside, hf); // nothing replaced yet: the old store stands
                    }
                    throw e;
                }
                temps[i] = null;
            }
            StoreHeader h =
                    new StoreHeader(
                            StoreHeader.FORMAT,
                            StoreHeader.VERSION,
                            count,
                            1,
                            res,
                            "uint8",
                            levels);
            Path lf = folder.resolve(LabelTable.FILE);
            if (table != null) {
                table.write(lf);
            } else {
                Files.deleteIfExists(lf); // a replaced store's labels would be wrong
            }
            AtomicFiles.writeBytes(hf, JSON.writeValueAsBytes(h));
            Files.deleteIfExists(aside);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write store in " + folder, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building store " + folder, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            throw new IllegalStateException("building store " + folder + " failed", c);
        } finally {
            pool.shutdownNow();
            for (int i = 0; i < nLevels; i++) {
                if (out[i] != null) {
                    try {
                        out[i].close();
                    } catch (IOException ignored) {
                        // already failing
                    }
                }
                AtomicFiles.deleteQuietly(temps[i]);
            }
        }
        LOG.info(
                "Built store of {} images at {}x{} in {} ({} ms)",
                count,
                res,
                res,
                folder,
                (System.nanoTime() - start) / 1_000_000);
        return MultiResolutionStore.open(folder, mirror);
    }

    private static byte[][] decode(ImageSource source, int index, int res) {
        float[] img = source.load(index);
        if (img.length != res * res) {
            throw new DataException(
                    source.describe(index)
                            + ": loaded image has "
                            + img.length
                            + " values, expected "
                            + res
                            + "x"
                            + res);
        }
        for (int i = 0; i < img.length; i++) {
            if (!Float.isFinite(img[i])) {
                // would be stored as black, silently
                throw new DataException(
                        source.describe(index)
                                + ": pixel "
                                + i
                                + " is "
                                + img[i]
                                + "; images must be finite values in [-1, 1]");
            }
        }
        return MultiResolutionStore.levelsOf(img, res);
    }
}
