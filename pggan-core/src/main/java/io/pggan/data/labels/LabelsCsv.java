package io.pggan.data.labels;

import io.pggan.io.Csv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code labels.csv} beside an image folder: a {@code file} column (the image's path relative to
 * the folder, with {@code /}) and one column per label group, e.g.
 *
 * <pre>
 * file,sex,age
 * hand-0001.png,M,132
 * left/hand-0002.png,F,87.5
 * </pre>
 *
 * Every image needs exactly one row and every row an image; messages name the file, line and
 * column.
 */
public final class LabelsCsv {
    /** The file name looked for beside the images. */
    public static final String FILE = "labels.csv";

    /** The column of the image file. */
    public static final String FILE_COLUMN = "file";

    private LabelsCsv() {}

    /**
     * The labels of a folder's images, read from its {@value #FILE}.
     *
     * @param folder the image folder
     * @param images the images, in the order of the source (absolute or relative to the folder)
     * @param spec the labels
     * @throws IllegalArgumentException naming the file, line and column of a bad or missing label
     */
    public static LabelTable read(Path folder, List<Path> images, LabelSpec spec) {
        Path csv = folder.resolve(FILE);
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException(
                    csv + ": no labels file, but the model is conditional on " + spec.names());
        }
        List<String> required = new ArrayList<>(List.of(FILE_COLUMN));
        required.addAll(spec.names());
        List<Csv.Row> rows = Csv.read(csv, required.toArray(String[]::new));
        Map<String, Csv.Row> byFile = new HashMap<>();
        for (Csv.Row r : rows) {
            String name = r.get(FILE_COLUMN).trim().replace('\\', '/');
            Csv.Row old = byFile.put(name, r);
            if (old != null) {
                throw new IllegalArgumentException(
                        r.where() + ": file " + name + " already has labels at " + old.where());
            }
        }
        List<String> keys = new ArrayList<>();
        for (Path p : images) {
            keys.add(
                    folder.toAbsolutePath()
                            .relativize(p.toAbsolutePath())
                            .toString()
                            .replace('\\', '/'));
        }
        for (String k : keys) {
            byFile.remove(k);
        }
        if (!byFile.isEmpty()) {
            Csv.Row r = byFile.values().iterator().next();
            throw new IllegalArgumentException(
                    r.where()
                            + ": file "
                            + r.get(FILE_COLUMN)
                            + " is not an image of "
                            + folder
                            + " ("
                            + rows.size()
                            + " rows for "
                            + images.size()
                            + " images)");
        }
        Map<String, Csv.Row> all = new HashMap<>();
        for (Csv.Row r : rows) {
            all.put(r.get(FILE_COLUMN).trim().replace('\\', '/'), r);
        }
        return LabelTable.of(
                spec,
                images.size(),
                i -> {
                    Csv.Row r = all.get(keys.get(i));
                    if (r == null) {
                        return null;
                    }
                    Labels.Builder b = Labels.builder();
                    for (String g : spec.names()) {
                        b.put(g, r.get(g).trim());
                    }
                    return b.build();
                },
                i -> {
                    Csv.Row r = all.get(keys.get(i));
                    return r == null ? csv + ": image " + keys.get(i) : r.where();
                });
    }

    /**
     * Writes a {@value #FILE} for images and their labels (e.g. exported phantoms), atomically.
     *
     * @param folder the image folder
     * @param images the images (absolute or relative to the folder)
     * @param table their labels, in the same order
     */
    public static void write(Path folder, List<Path> images, LabelTable table) {
        table.checkCount(images.size(), folder.toString());
        List<String> header = new ArrayList<>(List.of(FILE_COLUMN));
        header.addAll(table.spec().names());
        Csv.Table t = Csv.table(header);
        for (int i = 0; i < images.size(); i++) {
            List<Object> cells = new ArrayList<>();
            cells.add(
                    folder.toAbsolutePath()
                            .relativize(images.get(i).toAbsolutePath())
                            .toString()
                            .replace('\\', '/'));
            double[] raw = table.raw(i);
            for (int g = 0; g < raw.length; g++) {
                LabelGroup grp = table.spec().groups().get(g);
                cells.add(
                        grp.kind() == LabelGroup.Kind.DISCRETE
                                ? grp.classes().get((int) raw[g])
                                : (Object) raw[g]);
            }
            t.row(cells);
        }
        t.write(folder.resolve(FILE));
    }
}
