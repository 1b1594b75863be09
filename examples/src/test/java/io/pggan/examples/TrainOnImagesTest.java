package io.pggan.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainOnImagesTest {
    /** A gzipped IDX file of soft discs on black, 12 x 12 (padded to 16). */
    static Path discs(Path dir, int n) throws IOException {
        Path f = dir.resolve("discs-idx3-ubyte.gz");
        Random r = new Random(1);
        try (DataOutputStream d =
                new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(f)))) {
            d.writeInt(0x00000803);
            d.writeInt(n);
            d.writeInt(12);
            d.writeInt(12);
            for (int i = 0; i < n; i++) {
                double cx = 3 + 6 * r.nextDouble();
                double cy = 3 + 6 * r.nextDouble();
                double rad = 2 + 2 * r.nextDouble();
                for (int y = 0; y < 12; y++) {
                    for (int x = 0; x < 12; x++) {
                        double t = Math.hypot(x - cx, y - cy) / rad;
                        d.writeByte((int) Math.round(255 * Math.exp(-t * t)));
                    }
                }
            }
        }
        return f;
    }

    @Test
    void trainsOnAnIdxFileTracksSwdAgainstHeldOutImagesAndResumes(@TempDir Path dir)
            throws Exception {
        Path idx = discs(dir, 120);
        Path out = dir.resolve("run");
        String[] args = {
            idx.toString(),
            out.toString(),
            "16",
            "0.05",
            "--fmap-max=8",
            "--latent=8",
            "--minibatch=8",
            "--evals=3",
            "--holdout=20"
        };
        Map<String, Object> s = TrainOnImages.run(TrainOnImages.Options.parse(args));
        assertThat(s.get("images")).isEqualTo(120);
        assertThat(s.get("heldOut")).isEqualTo(20);
        assertThat((double) s.get("swdRealVsReal")).isPositive();
        for (String f :
                List.of(
                        "config.json",
                        "swd.csv",
                        "swd.png",
                        "reals.png",
                        "samples-last.png",
                        "samples-best.png",
                        "best-gs.json",
                        "generator.zip",
                        "summary.json")) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        List<String> curve = Files.readAllLines(out.resolve("swd.csv"));
        assertThat(curve.get(0)).isEqualTo("kimg,swd_x1e3_avg,resolution");
        assertThat(curve.size()).isGreaterThanOrEqualTo(4); // every third of the run and the end
        JsonNode best = new ObjectMapper().readTree(out.resolve("best-gs.json").toFile());
        assertThat(best.get("metric").asText()).isEqualTo("swd_x1e3_avg");
        // The schedule was sized and stored; a second call resumes with it and trains no more.
        String config = Files.readString(out.resolve("config.json"));
        Map<String, Object> again = TrainOnImages.run(TrainOnImages.Options.parse(args));
        assertThat(Files.readString(out.resolve("config.json"))).isEqualTo(config);
        assertThat(again.get("kimg")).isEqualTo(s.get("kimg"));
        assertThat(Files.readAllLines(out.resolve("swd.csv"))).isEqualTo(curve);
    }

    @Test
    void aBudgetTooSmallForTheMachineStillEndsStableAtTheFinalResolution(@TempDir Path dir)
            throws Exception {
        // 6 ms: the sized phases would be a fraction of a minibatch (as on a loaded machine)
        Map<String, Object> s =
                TrainOnImages.run(
                        TrainOnImages.Options.parse(
                                discs(dir, 60).toString(),
                                dir.resolve("run").toString(),
                                "16",
                                "0.0001",
                                "--fmap-max=8",
                                "--latent=8",
                                "--minibatch=8",
                                "--evals=2",
                                "--holdout=20"));
        // the final SWD compares Gs at 16x16 with the held-out images: it needs 16x16 fakes
        assertThat((double) s.get("finalSwdLast")).isPositive();
        assertThat(dir.resolve("run/best-gs.json")).isRegularFile();
    }

    @Test
    void badArgumentsAreNamed(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> TrainOnImages.Options.parse("only-one"))
                .hasMessageContaining("usage");
        assertThatThrownBy(() -> TrainOnImages.Options.parse("a", "b", "--lr"))
                .hasMessageContaining("--name=value");
        assertThatThrownBy(() -> TrainOnImages.Options.parse("a", "b", "--nope=1"))
                .hasMessageContaining("--nope");
        assertThatThrownBy(() -> TrainOnImages.Options.parse("a", "b", "--latent=x"))
                .hasMessageContaining("--latent");
        assertThatThrownBy(() -> TrainOnImages.Options.parse("a", "b", "--phase-kimg=1"))
                .hasMessageContaining("--final-kimg");
        assertThatThrownBy(() -> TrainOnImages.Options.parse("a", "b", "--start=6"))
                .hasMessageContaining("--start");
        Path idx = discs(dir, 4);
        assertThatThrownBy(
                        () ->
                                TrainOnImages.run(
                                        TrainOnImages.Options.parse(
                                                idx.toString(),
                                                dir.resolve("o").toString(),
                                                "16",
                                                "1",
                                                "--holdout=4")))
                .hasMessageContaining("too few");
    }
}
