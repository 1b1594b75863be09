package io.pggan.spark;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * One Parquet file of labelled latents: {@code index} (int64), {@code latent} (list of float),
 * {@code months} (float) and optionally {@code features} (list of float); Spark reads the lists as
 * {@code array<float>}. Uncompressed: Gaussian latents and CNN features do not compress.
 */
final class LabelParquet implements AutoCloseable {
    private static final String LIST = "{ repeated group list { required float element; } }";

    private final ParquetWriter<Group> writer;
    private final SimpleGroupFactory rows;
    private final boolean features;

    private LabelParquet(ParquetWriter<Group> writer, MessageType schema, boolean features) {
        this.writer = writer;
        this.rows = new SimpleGroupFactory(schema);
        this.features = features;
    }

    static MessageType schema(boolean features) {
        return MessageTypeParser.parseMessageType(
                "message labels { required int64 index; required group latent (LIST) "
                        + LIST
                        + " required float months; "
                        + (features ? "required group features (LIST) " + LIST : "")
                        + " }");
    }

    /** A new file (which must not exist yet). */
    static LabelParquet create(Path file, boolean features) throws IOException {
        MessageType schema = schema(features);
        ParquetWriter<Group> w =
                ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema).build();
        return new LabelParquet(w, schema, features);
    }

    /** Row {@code index}: {@code dim} latent values from {@code latents[offset..]}. */
    void write(long index, float[] latents, int offset, int dim, float months, float[] feats)
            throws IOException {
        Group g = rows.newGroup().append("index", index);
        Group z = g.addGroup("latent");
        for (int j = 0; j < dim; j++) {
            z.addGroup("list").append("element", latents[offset + j]);
        }
        g.append("months", months);
        if (features) {
            Group f = g.addGroup("features");
            for (float v : feats) {
                f.addGroup("list").append("element", v);
            }
        }
        writer.write(g);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    /** Rows in a finished file, from its footer. */
    static long rows(Path file) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
            return r.getRecordCount();
        }
    }
}
