package io.pggan.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedSweepTest {
    static void summary(Path dir, double swd, double axisMae, double spearman) throws Exception {
        Path f = dir.resolve("report/data/summary.json");
        Files.createDirectories(f.getParent());
        Files.writeString(
                f,
                "{\"stageSeconds\": {\"gan\": 500, \"total (before the report)\": 600},"
                        + " \"ganEvaluation\": {\"generated\": {\"swd_x1e3_avg\": "
                        + swd
                        + ", \"fid\": 2.0}, \"realVsReal\": {\"swd_x1e3_avg\": 10, \"fid\": 0.5}},"
                        + " \"lasso\": {\"axisTestMae\": "
                        + axisMae
                        + ", \"axisTestMaeOfMean\": 20, \"axisHeldOutR2\": 0.5},"
                        + " \"video\": {\"spearmanPerFrame\": "
                        + spearman
                        + ", \"spearmanTrend\": 0.99}}");
    }

    @Test
    void oneRowPerSeedWithMeanAndSd(@TempDir Path dir) throws Exception {
        summary(dir.resolve("seed-1"), 20, 10, 0.9);
        summary(dir.resolve("seed-2"), 30, 14, 0.8);
        Map<String, Object> a = SeedSweep.row(1, dir.resolve("seed-1"));
        Map<String, Object> b = SeedSweep.row(2, dir.resolve("seed-2"));
        assertThat(a.get("minutes")).isEqualTo(10.0);
        assertThat(a.get("swd_ratio")).isEqualTo(2.0);
        assertThat(a.get("axis_ratio")).isEqualTo(0.5);
        assertThat(b.get("axis_ratio")).isEqualTo(0.7);
        SeedSweep.write(dir, List.of(a, b));
        List<String> md = Files.readAllLines(dir.resolve("seeds.md"));
        assertThat(md.get(0)).startsWith("| seed | minutes | swd | swd_real | swd_ratio");
        assertThat(md.get(2)).startsWith("| 1 | 10.0 | 20.0 | 10.0 | 2.00");
        // mean of the axis ratios 0.5 and 0.7 is 0.6, sd 0.14
        assertThat(md.get(4)).startsWith("| mean ± sd").contains("0.600 ± 0.14");
        assertThat(Files.readAllLines(dir.resolve("seeds.csv"))).hasSize(3);
    }

    @Test
    void badOptionsReturnTwo() {
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            assertThat(SeedSweep.run("--seeds", "1,x")).isEqualTo(2);
            assertThat(SeedSweep.run("--seed", "3")).isEqualTo(2);
            assertThat(SeedSweep.run("--seeds")).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        assertThat(e.toString(StandardCharsets.UTF_8)).contains("--seeds");
    }
}
