package io.pggan.examples.study.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.pggan.io.AtomicFiles;
import io.pggan.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * The report being written: the HTML of {@code index.html}, the numbers of {@code
 * data/summary.json}, and the helpers the sections share (copying a run's file into the report,
 * figures, charts, number formatting). Only files inside the report folder are referenced.
 */
public final class ReportPage {
    private final Path dir;
    private final StringBuilder html = new StringBuilder();
    private final Map<String, Object> summary = new LinkedHashMap<>();

    ReportPage(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("data"));
    }

    /** The report's folder. */
    public Path dir() {
        return dir;
    }

    /** Appends raw HTML. */
    public ReportPage html(String text) {
        html.append(text);
        return this;
    }

    /** Appends a section heading. */
    public ReportPage heading(String title) {
        return html("<h2>" + esc(title) + "</h2>\n");
    }

    /** Puts a number or a JSON tree into {@code data/summary.json}. */
    public void summary(String key, Object value) {
        summary.put(key, value);
    }

    /** Copies a file of the run into the report; false (and nothing copied) if it is missing. */
    public boolean copy(Path from, String to) throws IOException {
        if (!Files.isRegularFile(from)) {
            return false;
        }
        AtomicFiles.writeBytes(dir.resolve(to), Files.readAllBytes(from));
        return true;
    }

    /** A figure of a file in the report folder with its caption. */
    public void figure(String file, String caption) {
        html.append("<figure><img src=\"")
                .append(file)
                .append("\" alt=\"")
                .append(esc(file))
                .append("\"><figcaption>")
                .append(esc(caption))
                .append("</figcaption></figure>\n");
    }

    /** Writes a chart as PNG into the report and shows it. */
    public void chart(XYChart c, String file, String caption) throws IOException {
        Charts.write(c, dir.resolve(file));
        figure(file, caption);
    }

    /** Writes {@code data/summary.json}, then {@code index.html}. */
    void finish() {
        html.append("</body>\n</html>\n");
        Json.write(dir.resolve("data/summary.json"), summary);
        AtomicFiles.writeString(dir.resolve("index.html"), html.toString());
    }

    /** A JSON file of the run, or null if it does not exist. */
    public static JsonNode readJson(Path f) {
        return Files.isRegularFile(f) ? Json.readTree(f) : null;
    }

    /** A field of a JSON object as a number, NaN when absent. */
    public static double num(JsonNode n, String field) {
        return n == null || !n.has(field) ? Double.NaN : n.get(field).asDouble();
    }

    /** A number with {@code digits} decimals, {@code n/a} when not finite. */
    public static String fmt(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "n/a";
    }

    /** HTML-escaped text. */
    public static String esc(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
