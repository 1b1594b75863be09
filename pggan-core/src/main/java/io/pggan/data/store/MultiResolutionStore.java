package io.pggan.data.store;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.data.DataException;
import io.pggan.data.LabeledMinibatch;
import io.pggan.data.MinibatchSource;
import io.pggan.data.labels.LabelTable;
import io.pggan.io.ImagePng;
import io.pggan.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Random;
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

    private static final ObjectMapper JSON = Json.lenient();

    private final Path folder;
    private final StoreHeader header;
    private final boolean mirror;
    private final LevelFile[] levels; // index log2(resolution) - 2
    private final LabelTable labels; // null: unlabelled

    private MultiResolutionStore(
            Path folder,
            StoreHeader header,
            boolean mirror,
            LevelFile[] levels,
            LabelTable labels) {
        this.folder = folder;
        this.header = header;
        this.mirror = mirror;
        this.levels = levels;
        this.labels = labels;
    }

    /** A new builder. */
    public static StoreBuilder builder() {
        return new StoreBuilder();
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
        h.check(hf);
        LevelFile[] levels = new LevelFile[h.levels().size()];
        for (int i = 0; i < levels.length; i++) {
            StoreHeader.Level lv = h.levels().get(i);
            levels[i] = LevelFile.map(folder, hf, lv, h.count());
        }
        Path lf = folder.resolve(LabelTable.FILE);
        LabelTable labels = Files.isRegularFile(lf) ? LabelTable.read(lf, h.count()) : null;
        return new MultiResolutionStore(folder, h, mirror, levels, labels);
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
        LevelFile lv = level(resolution);
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
        LevelFile lv = level(resolution);
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

    private LevelFile level(int resolution) {
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
}
