package io.pggan.data.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.pggan.data.DataException;
import io.pggan.data.Preprocessing;
import java.nio.file.Path;
import java.util.List;

/**
 * The readable JSON header {@code store.json} of a multi-resolution store.
 *
 * @param format always {@value #FORMAT}
 * @param version format version, {@value #VERSION}
 * @param count number of images
 * @param channels channels per image (1)
 * @param resolution full resolution
 * @param dtype element type of the level files, {@code uint8}
 * @param levels one file per resolution, 4 up to {@code resolution}
 */
public record StoreHeader(
        @JsonProperty("format") String format,
        @JsonProperty("version") int version,
        @JsonProperty("count") int count,
        @JsonProperty("channels") int channels,
        @JsonProperty("resolution") int resolution,
        @JsonProperty("dtype") String dtype,
        @JsonProperty("levels") List<Level> levels) {
    /** The format name. */
    public static final String FORMAT = "pggan-multiresolution-store";

    /** The format version. */
    public static final int VERSION = 1;

    /** Copies the level list. */
    @JsonCreator
    public StoreHeader {
        levels = levels == null ? List.of() : List.copyOf(levels);
    }

    /**
     * Checks the header read from {@code hf}.
     *
     * @throws DataException naming the file and the bad field
     */
    void check(Path hf) {
        StoreHeader h = this;
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
        if (h.count() < 1 || h.count() > MultiResolutionStore.MAX_COUNT) {
            throw new DataException(
                    hf
                            + ": field 'count' is "
                            + h.count()
                            + ", expected 1.."
                            + MultiResolutionStore.MAX_COUNT);
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

    /**
     * One level file: {@code count} images of {@code resolution x resolution} uint8, row-major,
     * image after image; a byte b stands for {@code b / 127.5 - 1}.
     *
     * @param resolution side of this level
     * @param file file name in the store folder
     */
    public record Level(
            @JsonProperty("resolution") int resolution, @JsonProperty("file") String file) {}
}
