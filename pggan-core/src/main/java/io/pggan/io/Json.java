package io.pggan.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The one JSON configuration of the library: indented output a person can read and edit, strict
 * reading (unknown fields and {@code null} for numbers are refused, so a typo in a hand-edited file
 * is reported instead of ignored; a missing number is refused too). {@link #lenient()} is the same
 * mapper that skips unknown fields and lets missing numbers take Java's default, for files whose
 * other versions may carry more or fewer fields.
 */
public final class Json {
    private static final ObjectMapper STRICT =
            JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private static final ObjectMapper LENIENT =
            STRICT.copy()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private Json() {}

    /** The strict mapper (shared and thread-safe: do not reconfigure it). */
    public static ObjectMapper mapper() {
        return STRICT;
    }

    /** The mapper that skips unknown fields and lets missing numbers default. */
    public static ObjectMapper lenient() {
        return LENIENT;
    }

    /** A value as indented JSON. */
    public static String write(Object value) {
        try {
            return STRICT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Writes a value as indented JSON to a file, atomically. */
    public static void write(Path file, Object value) {
        AtomicFiles.writeString(file, write(value));
    }

    /**
     * Reads a JSON document.
     *
     * @throws UncheckedIOException naming the file when it cannot be read or parsed
     */
    public static JsonNode readTree(Path file) {
        try {
            return STRICT.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON " + file + ": " + e.getMessage(), e);
        }
    }
}
