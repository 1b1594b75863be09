package io.pggan.io;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV files with a header line, through Jackson's CSV module (RFC 4180 quoting, UTF-8, {@code \n}
 * line ends). {@link #table} builds one and writes it atomically; {@link #read} reads one strictly:
 * every row must have the header's number of fields, and errors name the file, the line and the
 * column. Cells are written as {@code String.valueOf} writes them (so a {@code double} appears as
 * {@link Double#toString(double)} does, and reads back to the same value); null is empty.
 */
public final class Csv {
    private static final CsvMapper MAPPER = new CsvMapper();
    private static final ObjectWriter WRITER =
            MAPPER.writerFor(String[].class).with(CsvSchema.emptySchema().withLineSeparator("\n"));

    private Csv() {}

    /** A table being built: a header and rows of cells. */
    public static final class Table {
        private final String[] header;
        private final List<String[]> rows = new ArrayList<>();

        private Table(String[] header) {
            if (header.length == 0) {
                throw new IllegalArgumentException("a CSV table needs at least one column");
            }
            this.header = header.clone();
        }

        /**
         * Adds a row.
         *
         * @param cells one per column: strings, numbers, booleans; null for an empty cell
         */
        public Table row(Object... cells) {
            if (cells.length != header.length) {
                throw new IllegalArgumentException(
                        "row has " + cells.length + " cells, the header " + header.length);
            }
            String[] r = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                r[i] = cells[i] == null ? "" : String.valueOf(cells[i]);
            }
            rows.add(r);
            return this;
        }

        /** Adds a row given as a list. */
        public Table row(List<?> cells) {
            return row(cells.toArray());
        }

        /** Number of rows so far. */
        public int size() {
            return rows.size();
        }

        /** The CSV text. */
        @Override
        public String toString() {
            StringWriter out = new StringWriter();
            try {
                writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        }

        /** Writes the table to {@code file} atomically. */
        public void write(Path file) {
            AtomicFiles.write(
                    file,
                    out -> {
                        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                        writeTo(w);
                        w.flush();
                    });
        }

        private void writeTo(Writer out) throws IOException {
            try (SequenceWriter seq = WRITER.writeValues(new NonClosing(out))) {
                seq.write(header);
                for (String[] r : rows) {
                    seq.write(r);
                }
            }
        }
    }

    /** A table with these column names. */
    public static Table table(String... header) {
        return new Table(header);
    }

    /** A table with these column names. */
    public static Table table(List<String> header) {
        return new Table(header.toArray(String[]::new));
    }

    /** One row of a file read with {@link #read}. */
    public static final class Row {
        private final Map<String, Integer> columns;
        private final String[] cells;
        private final String where;

        Row(Map<String, Integer> columns, String[] cells, String where) {
            this.columns = columns;
            this.cells = cells;
            this.where = where;
        }

        /** The cell of a column. */
        public String get(String column) {
            Integer i = columns.get(column);
            if (i == null) {
                throw new IllegalArgumentException(where + ": no column '" + column + "'");
            }
            return cells[i];
        }

        /** The cell of a column as a number. */
        public double number(String column) {
            String v = get(column);
            try {
                return Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        where + ", column " + column + ": not a number: '" + v + "'", e);
            }
        }

        /** The cell of a column as a whole number. */
        public long integer(String column) {
            String v = get(column);
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        where + ", column " + column + ": not a whole number: '" + v + "'", e);
            }
        }

        /** Where this row is: the file and line, for messages. */
        public String where() {
            return where;
        }
    }

    /**
     * Reads a CSV file with a header line.
     *
     * @param file the file
     * @param required columns that must be in the header
     * @return the rows after the header, in order
     * @throws IllegalArgumentException naming the file and line of a malformed row
     * @throws UncheckedIOException when the file cannot be read
     */
    public static List<Row> read(Path file, String... required) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                MappingIterator<String[]> it =
                        MAPPER.readerFor(String[].class)
                                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                                .readValues(in)) {
            if (!it.hasNext()) {
                throw new IllegalArgumentException(file + ": empty, expected a header line");
            }
            String[] header = it.next();
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                if (columns.put(header[i], i) != null) {
                    throw new IllegalArgumentException(
                            file + " line 1: column '" + header[i] + "' appears twice");
                }
            }
            for (String r : required) {
                if (!columns.containsKey(r)) {
                    throw new IllegalArgumentException(
                            file + " line 1: no column '" + r + "' in " + Arrays.toString(header));
                }
            }
            List<Row> rows = new ArrayList<>();
            int line = it.getCurrentLocation().getLineNr();
            while (it.hasNext()) {
                // a row starts on the line where the previous one ended (quoted cells may span
                // lines)
                String where = file + " line " + line;
                String[] cells = it.next();
                line = it.getCurrentLocation().getLineNr();
                if (cells.length != header.length) {
                    throw new IllegalArgumentException(
                            where
                                    + ": "
                                    + cells.length
                                    + " fields, the header has "
                                    + header.length);
                }
                rows.add(new Row(columns, cells, where));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CSV " + file + ": " + e.getMessage(), e);
        } catch (RuntimeJsonMappingException e) {
            // the parser's unchecked error for malformed quoting, found by fuzzing
            throw new IllegalArgumentException(
                    file + ": not valid CSV (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Splits one line of CSV into its cells (RFC 4180 quoting), for formats read line by line.
     *
     * @throws IllegalArgumentException when the line is not valid CSV (an unterminated quote)
     */
    public static String[] parseLine(String line) {
        if (line.isEmpty()) {
            return new String[] {""};
        }
        try (MappingIterator<String[]> it =
                MAPPER.readerFor(String[].class)
                        .with(CsvParser.Feature.WRAP_AS_ARRAY)
                        .readValues(line)) {
            String[] cells = it.hasNext() ? it.next() : new String[] {""};
            if (it.hasNext()) {
                throw new IllegalArgumentException("more than one CSV record on one line");
            }
            return cells;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    e instanceof IllegalArgumentException
                            ? e.getMessage()
                            : "unterminated quoted field",
                    e);
        }
    }

    /** A writer that leaves the underlying one open (Jackson closes what it writes to). */
    private static final class NonClosing extends java.io.FilterWriter {
        NonClosing(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
