package io.pggan.data.store;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.data.DataException;
import io.pggan.data.ImageSource;
import io.pggan.data.LabeledMinibatch;
import io.pggan.data.MinibatchSource;
import io.pggan.data.Preprocessing;
import io.pggan.data.Progress;
import io.pggan.data.labels.LabelSpec;
import io.pggan.data.labels.LabelTable;
import io.pggan.io.AtomicFiles;
import io.pggan.io.ImagePng;
import io.pggan.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training images at every level of detail, on disk: one uint8 file per resolution (4x4 up to full
 * size, {@code r02.bin} ... {@code r10.bin}) plus a readable {@code store.json}, memory-mapped for
 * reading, so a dataset far larger than the heap (12,611 images at 1024x1024 take 17 GB) can be
 * served. Like the official dataset tool, every image is decoded once and each lower level is the
 * 2x2 box average of the unquantised float level above, then quantised with {@code
 * rint((x+1)*127.5)} clipped to 0..255.
 *
 * <pre>{@code
 * MultiResolutionStore store = MultiResolutionStore.builder()
 *         .source(RsnaDataset.builder().root(rsna).resolution(256).build())
 *         .folder(Path.of("store-256"))
 *         .build();                                  // or MultiResolutionStore.open(folder, false)
 * try (NDManager step = manager.newSubManager()) {
 *     NDArray reals = store.minibatch(step, 64, 16, random);   // [16, 1, 64, 64] in [-1, 1]
 * }
 * }</pre>
 */
public final class MultiResolutionStore implements MinibatchSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MultiResolutionStore.class);

    /** Header file name. */
    public static final String HEADER = "store.json";

    /** Largest image count accepted from a header. */
    public static final int MAX_COUNT = 10_000_000;

    /** Largest mapped chunk. */
    private static final long CHUNK_BYTES = 1L << 30;

    private static final ObjectMapper JSON = Json.lenient();

    private final Path folder;
    private final StoreHeader header;
    private final boolean mirror;
    private final LevelData[] levels; // index log2(resolution) - 2
    private final LabelTable labels; // null: unlabelled

    private MultiResolutionStore(
            Path folder,
            StoreHeader header,
            boolean mirror,
            LevelData[] levels,
            LabelTable labels) {
        this.folder = folder;
        this.header = header;
        this.mirror = mirror;
        this.levels = levels;
        this.labels = labels;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens an existing store.
     *
     * @param folder the store folder (holding {@value #HEADER})
     * @param mirror whether minibatches flip each image left-right with probability 1/2 (a flip
     *     turns a left hand into a right hand, so radiograph training keeps it off)
     * @throws DataException naming the file and field if the header or a level file is wrong
     */
    public static MultiResolutionStore open(Path folder, boolean mirror) {
        Path hf = folder.resolve(HEADER);
        if (!Files.isRegularFile(hf)) {
            throw new DataException(hf + ": store header does not exist");
        }
        StoreHeader h;
        try {
            h = JSON.readValue(hf.toFile(), StoreHeader.class);
        } catch (IOException e) {
            throw new DataException(hf + ": not a valid store header (" + e.getMessage() + ")", e);
        }
        validate(hf, h);
        LevelData[] levels = new LevelData[h.levels().size()];
        for (int i = 0; i < levels.length; i++) {
            StoreHeader.Level lv = h.levels().get(i);
            levels[i] = LevelData.map(folder, hf, lv, h.count());
        }
        Path lf = folder.resolve(LabelTable.FILE);
        LabelTable labels = Files.isRegularFile(lf) ? LabelTable.read(lf, h.count()) : null;
        return new MultiResolutionStore(folder, h, mirror, levels, labels);
    }

    private static void validate(Path hf, StoreHeader h) {
        if (!StoreHeader.FORMAT.equals(h.format())) {
            throw new DataException(
                    hf
                            + ": field 'format' is '"
                            + h.format()
                            + "', expected '"
                            + StoreHeader.FORMAT
                            + "'");
        }
        if (h.version() != StoreHeader.VERSION) {
            throw new DataException(
                    hf
                            + ": field 'version' is "
                            + h.version()
                            + ", this reader knows "
                            + StoreHeader.VERSION);
        }
        if (h.count() < 1 || h.count() > MAX_COUNT) {
            throw new DataException(
                    hf + ": field 'count' is " + h.count() + ", expected 1.." + MAX_COUNT);
        }
        if (h.channels() != 1) {
            throw new DataException(hf + ": field 'channels' is " + h.channels() + ", expected 1");
        }
        if (!"uint8".equals(h.dtype())) {
            throw new DataException(hf + ": field 'dtype' is '" + h.dtype() + "', expected uint8");
        }
        int r = h.resolution();
        if (r < 4 || r > Preprocessing.MAX_RESOLUTION || Integer.bitCount(r) != 1) {
            throw new DataException(
                    hf
                            + ": field 'resolution' is "
                            + r
                            + ", expected a power of two 4.."
                            + Preprocessing.MAX_RESOLUTION);
        }
        int expectedLevels = Integer.numberOfTrailingZeros(r) - 1;
        if (h.levels().size() != expectedLevels) {
            throw new DataException(
                    hf
                            + ": field 'levels' has "
                            + h.levels().size()
                            + " entries, expected "
                            + expectedLevels
                            + " (4 to "
                            + r
                            + ")");
        }
        for (int i = 0; i < expectedLevels; i++) {
            StoreHeader.Level lv = h.levels().get(i);
            if (lv.resolution() != 4 << i) {
                throw new DataException(
                        hf
                                + ": field 'levels["
                                + i
                                + "].resolution' is "
                                + lv.resolution()
                                + ", expected "
                                + (4 << i));
            }
            String f = lv.file();
            if (f == null || !f.matches("[A-Za-z0-9_.-]+") || f.startsWith(".")) {
                throw new DataException(
                        hf
                                + ": field 'levels["
                                + i
                                + "].file' '"
                                + f
                                + "' is not a plain file"
                                + " name in the store folder");
            }
        }
    }

    /** The store folder. */
    public Path folder() {
        return folder;
    }

    /** The header. */
    public StoreHeader header() {
        return header;
    }

    /** Whether minibatches are mirrored at random. */
    public boolean mirror() {
        return mirror;
    }

    @Override
    public int size() {
        return header.count();
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public int maxResolution() {
        return header.resolution();
    }

    /**
     * The stored bytes of one image at one level.
     *
     * @param index image index
     * @param resolution a power of two from 4 to {@link #maxResolution()}
     * @return {@code resolution * resolution} bytes, row-major
     */
    public byte[] imageBytes(int index, int resolution) {
        LevelData lv = level(resolution);
        Objects.checkIndex(index, header.count());
        byte[] out = new byte[resolution * resolution];
        lv.read(index, out);
        return out;
    }

    /** One image at one level as floats in [-1, 1] ({@code b / 127.5 - 1}). */
    public float[] image(int index, int resolution) {
        byte[] b = imageBytes(index, resolution);
        float[] out = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (b[i] & 0xFF) / 127.5f - 1f;
        }
        return out;
    }

    /**
     * The images' labels ({@value LabelTable#FILE} in the folder), or null for an unlabelled store.
     */
    @Override
    public LabelTable labels() {
        return labels;
    }

    @Override
    public LabeledMinibatch labeledMinibatch(
            NDManager manager, int resolution, int batchSize, Random random) {
        if (labels == null) {
            throw new UnsupportedOperationException(
                    folder + ": the store has no labels (build it with labels(spec))");
        }
        int[] rows = new int[batchSize];
        NDArray images = draw(manager, resolution, batchSize, random, rows);
        return new LabeledMinibatch(
                images,
                manager.create(labels.encoded(rows), new Shape(batchSize, labels.spec().size())));
    }

    @Override
    public NDArray minibatch(NDManager manager, int resolution, int batchSize, Random random) {
        return draw(manager, resolution, batchSize, random, null);
    }

    /** A minibatch; the images' indices go to {@code rows} unless it is null. */
    private NDArray draw(
            NDManager manager, int resolution, int batchSize, Random random, int[] rows) {
        LevelData lv = level(resolution);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        int pixels = resolution * resolution;
        if ((long) batchSize * pixels > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException(
                    "minibatch of "
                            + batchSize
                            + " images at "
                            + resolution
                            + "x"
                            + resolution
                            + " is too large for one array");
        }
        float[] data = new float[batchSize * pixels];
        byte[] buf = new byte[pixels];
        for (int b = 0; b < batchSize; b++) {
            int index = random.nextInt(header.count());
            if (rows != null) {
                rows[b] = index;
            }
            boolean flip = mirror && random.nextBoolean();
            lv.read(index, buf);
            int base = b * pixels;
            if (flip) {
                for (int y = 0; y < resolution; y++) {
                    int row = y * resolution;
                    for (int x = 0; x < resolution; x++) {
                        data[base + row + x] = LUT[buf[row + resolution - 1 - x] & 0xFF];
                    }
                }
            } else {
                for (int i = 0; i < pixels; i++) {
                    data[base + i] = LUT[buf[i] & 0xFF];
                }
            }
        }
        return manager.create(data, new Shape(batchSize, 1, resolution, resolution));
    }

    private static final float[] LUT = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            LUT[i] = i / 127.5f - 1f;
        }
    }

    private LevelData level(int resolution) {
        if (resolution < 4
                || resolution > header.resolution()
                || Integer.bitCount(resolution) != 1) {
            throw new IllegalArgumentException(
                    "resolution must be a power of two from 4 to "
                            + header.resolution()
                            + ", got "
                            + resolution);
        }
        return levels[Integer.numberOfTrailingZeros(resolution) - 2];
    }

    @Override
    public void close() {
        // Mapped buffers are released by the garbage collector; nothing to close explicitly.
    }

    /** The 2x2 box average of a square float image (the next level down). */
    public static float[] halve(float[] img, int side) {
        int h = side / 2;
        float[] out = new float[h * h];
        for (int y = 0; y < h; y++) {
            int r0 = 2 * y * side;
            int r1 = r0 + side;
            for (int x = 0; x < h; x++) {
                out[y * h + x] =
                        (img[r0 + 2 * x]
                                        + img[r0 + 2 * x + 1]
                                        + img[r1 + 2 * x]
                                        + img[r1 + 2 * x + 1])
                                * 0.25f;
            }
        }
        return out;
    }

    /** Quantised levels of one image, from 4x4 (index 0) to full size. */
    static byte[][] levelsOf(float[] full, int resolution) {
        int n = Integer.numberOfTrailingZeros(resolution) - 1;
        byte[][] out = new byte[n][];
        float[] cur = full;
        int side = resolution;
        for (int i = n - 1; i >= 0; i--) {
            out[i] = ImagePng.toBytes(cur);
            if (i > 0) {
                cur = halve(cur, side);
                side /= 2;
            }
        }
        return out;
    }

    /** One memory-mapped level file, split into chunks of whole images. */
    private static final class LevelData {
        final int pixels;
        final int perChunk;
        final MappedByteBuffer[] chunks;

        LevelData(int pixels, int perChunk, MappedByteBuffer[] chunks) {
            this.pixels = pixels;
            this.perChunk = perChunk;
            this.chunks = chunks;
        }

        static LevelData map(Path folder, Path hf, StoreHeader.Level lv, int count) {
            Path f = folder.resolve(lv.file());
            long pixels = (long) lv.resolution() * lv.resolution();
            long expected = pixels * count;
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                long size = ch.size();
                if (size != expected) {
                    throw new DataException(
                            f
                                    + ": level file has "
                                    + size
                                    + " bytes, header "
                                    + hf
                                    + " says "
                                    + count
                                    + " images of "
                                    + lv.resolution()
                                    + "x"
                                    + lv.resolution()
                                    + " = "
                                    + expected
                                    + " bytes");
                }
                int perChunk = (int) Math.max(1, Math.min(count, CHUNK_BYTES / pixels));
                int n = (count + perChunk - 1) / perChunk;
                MappedByteBuffer[] chunks = new MappedByteBuffer[n];
                for (int c = 0; c < n; c++) {
                    long start = (long) c * perChunk * pixels;
                    long len = Math.min(expected - start, (long) perChunk * pixels);
                    chunks[c] = ch.map(FileChannel.MapMode.READ_ONLY, start, len);
                }
                return new LevelData((int) pixels, perChunk, chunks);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new DataException(f + ": level file named in " + hf + " does not exist", e);
            } catch (IOException e) {
                throw new DataException(f + ": cannot map level file (" + e.getMessage() + ")", e);
            }
        }

        void read(int index, byte[] dst) {
            ByteBuffer chunk = chunks[index / perChunk];
            chunk.get((index % perChunk) * pixels, dst, 0, pixels);
        }
    }

    /** Builder: decodes every image of a source once and writes all levels. */
    public static final class Builder {
        private ImageSource source;
        private Path folder;
        private boolean mirror;
        private int threads = Runtime.getRuntime().availableProcessors();
        private boolean progress = true;
        private LabelSpec labelSpec;
        private LabelTable labelTable;

        private Builder() {}

        /**
         * Stores the labels the source gives ({@link ImageSource#labels}) for a conditional GAN,
         * validated before any image is decoded.
         */
        public Builder labels(LabelSpec spec) {
            this.labelSpec = spec;
            return this;
        }

        /** Stores these labels (e.g. from a {@code labels.csv}), one per source image. */
        public Builder labels(LabelTable table) {
            this.labelTable = table;
            return this;
        }

        /** Where the images come from (RSNA dataset, image folder, phantoms). */
        public Builder source(ImageSource source) {
            this.source = source;
            return this;
        }

        /**
         * The store folder (created; an existing store there is replaced). If never set, a new
         * temporary folder {@code pggan-store-*} is used; the caller deletes it when done (see
         * {@link MultiResolutionStore#folder()}).
         */
        public Builder folder(Path folder) {
            this.folder = folder;
            return this;
        }

        /** Random left-right mirroring of minibatches (default off). */
        public Builder mirror(boolean mirror) {
            this.mirror = mirror;
            return this;
        }

        /** Decoding threads (default: all cores). */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Whether to show a console progress bar (default true). */
        public Builder progress(boolean progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Decodes every image once, writes the level files and then the header (each atomically)
         * and opens the store.
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
                    AtomicFiles.moveAtomically(temps[i], folder.resolve(levels.get(i).file()));
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
                AtomicFiles.writeBytes(folder.resolve(HEADER), JSON.writeValueAsBytes(h));
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
            return open(folder, mirror);
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
            return levelsOf(img, res);
        }
    }
}
