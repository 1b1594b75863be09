package io.pggan.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.pggan.io.AtomicFiles;
import io.pggan.io.Csv;
import io.pggan.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the study's profile for a list of seeds, one folder per seed ({@code <out>/seed-<s>}), and
 * writes one table of the key numbers ({@code <out>/seeds.md}, {@code seeds.csv}, {@code
 * seeds.json}) with their mean and standard deviation and the goals of issue #12. Each study is
 * resumable, so an interrupted sweep continues where it stopped; finished seeds are only read.
 *
 * <pre>
 * mvn -B -ntp -q -pl examples exec:java -Dexec.mainClass=io.pggan.examples.SeedSweep \
 *     -Dexec.args="--out runs/seeds --seeds 2018,7,1234"
 * </pre>
 *
 * Every other option ({@code --plan FILE}, {@code --resolution}, {@code --quick}, ...) is passed to
 * {@link EndToEnd} for every seed.
 */
public final class SeedSweep {
    /** Columns: name, JSON pointer into report/data/summary.json (or a derived key). */
    private static final String[][] COLUMNS = {
        {"minutes", "derived"},
        {"swd", "/ganEvaluation/generated/swd_x1e3_avg"},
        {"swd_real", "/ganEvaluation/realVsReal/swd_x1e3_avg"},
        {"swd_ratio", "derived"},
        {"fid_cnn", "/ganEvaluation/generated/fid"},
        {"fid_real", "/ganEvaluation/realVsReal/fid"},
        {"axis_mae", "/lasso/axisTestMae"},
        {"axis_mae_mean", "/lasso/axisTestMaeOfMean"},
        {"axis_ratio", "derived"},
        {"axis_r2", "/lasso/axisHeldOutR2"},
        {"spearman", "/video/spearmanPerFrame"},
        {"spearman_trend", "/video/spearmanTrend"},
    };

    private SeedSweep() {}

    /** Entry point; exits with 2 on bad options and 1 when a study failed. */
    public static void main(String[] args) {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the sweep; returns the exit status. */
    public static int run(String... args) {
        Path out = Path.of("runs/seeds");
        List<Long> seeds = new ArrayList<>(List.of(2018L, 7L, 1234L));
        List<String> pass = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> out = Path.of(value(args, ++i));
                    case "--seeds" -> {
                        seeds.clear();
                        for (String s : value(args, ++i).split(",")) {
                            seeds.add(Long.parseLong(s.trim()));
                        }
                    }
                    case "--seed" ->
                            throw new IllegalArgumentException("use --seeds a,b,c, not --seed");
                    default -> pass.add(args[i]);
                }
            }
        } catch (NumberFormatException e) {
            System.err.println("error: --seeds expects whole numbers: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long seed : seeds) {
            Path dir = out.resolve("seed-" + seed);
            List<String> a = new ArrayList<>(pass);
            a.addAll(List.of("--out", dir.toString(), "--seed", Long.toString(seed)));
            int status = EndToEnd.run(a.toArray(new String[0]));
            if (status != 0) {
                return status;
            }
            try {
                rows.add(row(seed, dir));
                write(out, rows);
            } catch (Exception e) {
                System.err.println("error: cannot read the results of " + dir + ": " + e);
                return 1;
            }
        }
        System.out.println("table: " + out.resolve("seeds.md"));
        return 0;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** The key numbers of one finished study. */
    static Map<String, Object> row(long seed, Path dir) throws Exception {
        JsonNode s = Json.readTree(dir.resolve("report/data/summary.json"));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seed", seed);
        for (String[] c : COLUMNS) {
            if (!c[1].equals("derived")) {
                JsonNode v = s.at(c[1]);
                r.put(c[0], v.isNumber() ? v.asDouble() : Double.NaN);
            }
        }
        r.put("minutes", s.at("/stageSeconds/total (before the report)").asDouble(Double.NaN) / 60);
        r.put("swd_ratio", (double) r.get("swd") / (double) r.get("swd_real"));
        r.put("axis_ratio", (double) r.get("axis_mae") / (double) r.get("axis_mae_mean"));
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("seed", seed);
        for (String[] c : COLUMNS) {
            ordered.put(c[0], r.get(c[0]));
        }
        return ordered;
    }

    static void write(Path out, List<Map<String, Object>> rows) throws Exception {
        Files.createDirectories(out);
        Json.write(out.resolve("seeds.json"), rows);
        List<String> header = new ArrayList<>(List.of("seed"));
        StringBuilder md = new StringBuilder("| seed");
        for (String[] c : COLUMNS) {
            header.add(c[0]);
            md.append(" | ").append(c[0]);
        }
        Csv.Table csv = Csv.table(header);
        md.append(" |\n|").append("---|".repeat(COLUMNS.length + 1)).append('\n');
        for (Map<String, Object> r : rows) {
            List<Object> cells = new ArrayList<>(List.of(r.get("seed")));
            md.append("| ").append(r.get("seed"));
            for (String[] c : COLUMNS) {
                double v = (double) r.get(c[0]);
                cells.add(v);
                md.append(" | ").append(String.format(Locale.ROOT, "%.3g", v));
            }
            csv.row(cells);
            md.append(" |\n");
        }
        if (rows.size() > 1) {
            md.append("| mean ± sd");
            for (String[] c : COLUMNS) {
                double sum = 0;
                double sq = 0;
                for (Map<String, Object> r : rows) {
                    double v = (double) r.get(c[0]);
                    sum += v;
                    sq += v * v;
                }
                int n = rows.size();
                double mean = sum / n;
                double sd = Math.sqrt(Math.max(0, (sq - n * mean * mean) / (n - 1)));
                md.append(String.format(Locale.ROOT, " | %.3g ± %.2g", mean, sd));
            }
            md.append(" |\n");
        }
        md.append(
                "\nminutes: the pipeline's stages (without the build and the report). Goals (issue"
                        + " #12): axis_ratio < 0.6, spearman > 0.9, swd_ratio < 2, 20 minutes with the"
                        + " build.\n");
        csv.write(out.resolve("seeds.csv"));
        AtomicFiles.writeString(out.resolve("seeds.md"), md.toString());
    }
}
