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

    /** One row read back. */
    record LabelRow(long index, float[] latent, float months) {}

    /** Reads a file's rows in order (index, latent, months). */
    static java.util.List<LabelRow> read(Path file) throws IOException {
        java.util.List<LabelRow> out = new java.util.ArrayList<>();
        try (org.apache.parquet.hadoop.ParquetReader<Group> r =
                org.apache.parquet.hadoop.ParquetReader.builder(
                                new org.apache.parquet.hadoop.example.GroupReadSupport(),
                                new org.apache.hadoop.fs.Path(file.toUri()))
                        .build()) {
            for (Group g; (g = r.read()) != null; ) {
                Group z = g.getGroup("latent", 0);
                float[] latent = new float[z.getFieldRepetitionCount("list")];
                for (int j = 0; j < latent.length; j++) {
                    latent[j] = z.getGroup("list", j).getFloat("element", 0);
                }
                out.add(new LabelRow(g.getLong("index", 0), latent, g.getFloat("months", 0)));
            }
        }
        return out;
    }

    /** Rows in a finished file, from its footer. */
    static long rows(Path file) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
            return r.getRecordCount();
        }
    }
}
