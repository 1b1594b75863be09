package io.pggan.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.examples.study.StudyPipeline;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the whole study in quick mode and checks every artefact of the report. */
class EndToEndQuickTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    @Test
    void quickStudyWritesACompleteOfflineReportAndResumes() throws Exception {
        Path out = tmp.resolve("study");
        assertThat(EndToEnd.run("--quick", "--out", out.toString(), "--seed", "7")).isZero();

        Path report = out.resolve("report");
        Path index = report.resolve("index.html");
        assertThat(index).isRegularFile();
        String html = Files.readString(index);
        assertThat(html).doesNotContain("http://", "https://", "<script");

        // every referenced file is local, inside the report folder, and exists
        Matcher m = Pattern.compile("(?:src|href|poster)=\"([^\"]+)\"").matcher(html);
        List<String> refs = new ArrayList<>();
        while (m.find()) {
            refs.add(m.group(1));
        }
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            Path p = report.resolve(ref).normalize();
            assertThat(p.startsWith(report)).as("%s stays inside the report", ref).isTrue();
            assertThat(p).as("referenced file %s", ref).isRegularFile();
        }
        for (String fig :
                List.of(
                        "phantom-contact-sheet.png",
                        "fig1a_progression.png",
                        "fig1b_samples.png",
                        "fig2_ms_ssim.png",
                        "fig2_fid.png",
                        "fig2_kid.png",
                        "fig2_swd.png",
                        "fig3a_lasso.png",
                        "fig3b_age_per_frame.png",
                        "nn_pixels.png",
                        "nn_features.png",
                        "agecnn_mae_by_band.png",
                        "aging.gif",
                        "aging.mp4")) {
            assertThat(refs).as("index.html shows %s", fig).contains(fig);
        }

        // every PNG/GIF decodes, every JSON and CSV parses
        int images = 0;
        int jsons = 0;
        int csvs = 0;
        try (Stream<Path> files = Files.walk(report)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".png") || name.endsWith(".gif")) {
                    BufferedImage img = ImageIO.read(f.toFile());
                    assertThat(img).as("%s decodes", name).isNotNull();
                    assertThat(img.getWidth()).isPositive();
                    images++;
                } else if (name.endsWith(".json")) {
                    assertThat(JSON.readTree(f.toFile())).as(name).isNotNull();
                    jsons++;
                } else if (name.endsWith(".csv")) {
                    checkCsv(f);
                    csvs++;
                } else if (name.endsWith(".mp4")) {
                    byte[] head = Files.readAllBytes(f);
                    assertThat(new String(head, 4, 4, StandardCharsets.ISO_8859_1))
                            .as("MP4 box")
                            .isEqualTo("ftyp");
                }
            }
        }
        assertThat(images).isGreaterThanOrEqualTo(14);
        assertThat(jsons).isGreaterThanOrEqualTo(8);
        assertThat(csvs).isGreaterThanOrEqualTo(5);

        // the numbers the report is built from
        JsonNode summary = JSON.readTree(report.resolve("data/summary.json").toFile());
        assertThat(summary.path("ganEvaluation").path("generated").path("fid").isNumber()).isTrue();
        assertThat(summary.path("video").path("frames").asInt()).isEqualTo(16);
        assertThat(summary.path("lasso").path("samples").asInt()).isEqualTo(200);
        double rho = summary.path("video").path("spearmanPerFrame").asDouble();
        assertThat(rho).isBetween(-1.0, 1.0);
        Map<String, String> before = markers(out);
        assertThat(before.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        StudyPipeline.standard()
                                .names(EndToEnd.parse("--quick", "--seed", "7").plan()));

        // a second run resumes: every stage is skipped, nothing is redone
        assertThat(EndToEnd.run("--quick", "--out", out.toString(), "--seed", "7")).isZero();
        assertThat(markers(out)).isEqualTo(before);

        // other options into the same folder are refused
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(EndToEnd.run("--quick", "--out", out.toString(), "--seed", "8"))
                    .isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("other options");
    }

    private static Map<String, String> markers(Path out) throws Exception {
        Map<String, String> m = new HashMap<>();
        try (Stream<Path> files = Files.list(out.resolve("stages"))) {
            for (Path f : files.toList()) {
                m.put(f.getFileName().toString().replace(".json", ""), Files.readString(f));
            }
        }
        return m;
    }

    /** Same number of cells on every line; a column whose first cell is a number is numeric. */
    private static void checkCsv(Path f) throws Exception {
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).as("%s has a header and rows", f).hasSizeGreaterThan(1);
        int fields = lines.get(0).split(",", -1).length;
        String[] first = lines.get(1).split(",", -1);
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            assertThat(cells).as("%s line %d", f.getFileName(), i + 1).hasSize(fields);
            for (int j = 0; j < fields; j++) {
                if (isNumber(first[j]) && !cells[j].isEmpty()) {
                    assertThat(isNumber(cells[j]))
                            .as("%s line %d column %d: %s", f.getFileName(), i + 1, j, cells[j])
                            .isTrue();
                }
            }
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
