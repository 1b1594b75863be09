package io.pggan.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.io.AtomicFiles;
import io.pggan.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the study's stages once each: a stage that finished wrote {@code stages/<name>.json} (after
 * all its outputs, each of which is written atomically), and is skipped when the command is run
 * again. A stage stopped half-way simply runs again (the GAN trainer and the labeller resume from
 * what they saved).
 */
final class Stages {
    private static final Logger LOG = LoggerFactory.getLogger(Stages.class);
    private static final ObjectMapper JSON = Json.mapper();

    /** A stage's work. */
    interface Body {
        void run() throws Exception;
    }

    private final Path folder;

    Stages(Path out) {
        this.folder = out.resolve("stages");
    }

    boolean done(String name) {
        return Files.isRegularFile(folder.resolve(name + ".json"));
    }

    /** Runs the stage unless it finished before; returns the seconds it took (0 if skipped). */
    double run(String name, Body body) throws Exception {
        if (done(name)) {
            LOG.info("stage {}: done before, skipped", name);
            return 0;
        }
        LOG.info("stage {}: starting", name);
        long t0 = System.nanoTime();
        body.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put("stage", name);
        marker.put("seconds", seconds);
        marker.put("finished", Instant.now().toString());
        AtomicFiles.writeString(folder.resolve(name + ".json"), JSON.writeValueAsString(marker));
        LOG.info("stage {}: done in {} s", name, String.format(Locale.ROOT, "%.1f", seconds));
        return seconds;
    }

    /** Seconds of every finished stage, in order of the names given. */
    Map<String, Double> seconds(String... names) throws java.io.IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String n : names) {
            Path f = folder.resolve(n + ".json");
            if (Files.isRegularFile(f)) {
                out.put(n, JSON.readTree(f.toFile()).get("seconds").asDouble());
            }
        }
        return out;
    }
}
