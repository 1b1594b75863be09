package io.pggan.data.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
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
     * One level file: {@code count} images of {@code resolution x resolution} uint8, row-major,
     * image after image; a byte b stands for {@code b / 127.5 - 1}.
     *
     * @param resolution side of this level
     * @param file file name in the store folder
     */
    public record Level(
            @JsonProperty("resolution") int resolution, @JsonProperty("file") String file) {}
}
