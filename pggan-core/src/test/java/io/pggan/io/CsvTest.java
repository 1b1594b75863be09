package io.pggan.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @Test
    void writesPlainCellsAsBeforeAndQuotesOnlyWhatNeedsIt(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.csv");
        Csv.table("kimg", "note", "value")
                .row(0.5, "plain", 1e-9)
                .row(12L, "a, b \"c\"", null)
                .row(3, "two\nlines", true)
                .write(f);
        assertThat(Files.readString(f))
                .isEqualTo(
                        "kimg,note,value\n0.5,plain,1.0E-9\n12,\"a, b \"\"c\"\"\",\n"
                                + "3,\"two\nlines\",true\n");
        List<Csv.Row> rows = Csv.read(f, "kimg", "value");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).number("value")).isEqualTo(1e-9);
        assertThat(rows.get(1).get("note")).isEqualTo("a, b \"c\"");
        assertThat(rows.get(1).get("value")).isEmpty();
        assertThat(rows.get(2).get("note")).isEqualTo("two\nlines");
        assertThat(rows.get(2).integer("kimg")).isEqualTo(3);
    }

    @Test
    void badFilesAreNamedWithTheLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "a,b\n1,2\n3\n");
        assertThatThrownBy(() -> Csv.read(f))
                .hasMessageContaining("bad.csv line 3")
                .hasMessageContaining("1 fields, the header has 2");
        Files.writeString(f, "a,b\n1,x\n");
        assertThatThrownBy(() -> Csv.read(f).get(0).number("b"))
                .hasMessageContaining("bad.csv line 2, column b: not a number: 'x'");
        assertThatThrownBy(() -> Csv.read(f, "c")).hasMessageContaining("no column 'c'");
        Files.writeString(f, "");
        assertThatThrownBy(() -> Csv.read(f)).hasMessageContaining("empty");
        assertThatThrownBy(() -> Csv.table("a").row(1, 2)).hasMessageContaining("2 cells");
        assertThat(Csv.parseLine("1,\"a, \"\"b\"\"\", c ")).containsExactly("1", "a, \"b\"", " c ");
        assertThat(Csv.parseLine("")).containsExactly("");
        assertThatThrownBy(() -> Csv.parseLine("1,\"open")).hasMessageContaining("unterminated");
    }
}
