package io.pggan.examples.study;

import com.fasterxml.jackson.databind.JsonNode;
import io.pggan.engine.PgganEngine;
import io.pggan.examples.study.report.ReportStage;
import io.pggan.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The study as stages run in order in one output folder. A stage that finished wrote {@code
 * stages/<name>.json} after all its outputs, and is skipped when the study is run again, so an
 * interrupted run continues where it stopped. A folder holds one plan: resuming with other options
 * is refused.
 */
public final class StudyPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(StudyPipeline.class);

    private final List<Stage> stages;

    /** A pipeline of these stages, in this order (names must differ). */
    public StudyPipeline(List<Stage> stages) {
        List<String> names = new ArrayList<>();
        for (Stage s : stages) {
            if (names.contains(s.name())) {
                throw new IllegalArgumentException("two stages are named " + s.name());
            }
            names.add(s.name());
        }
        this.stages = List.copyOf(stages);
    }

    /**
     * The study's stages, in order. A new stage is one class and one line here; a stage that only
     * some plans want says so in {@link Stage#enabled}.
     */
    public static List<Stage> standardStages() {
        return List.of(
                new DataStage(),
                new AgeCnnStage(),
                new GanStage(),
                new EvaluateStage(),
                new LabelStage(),
                new AxisStage(),
                new VideoStage(),
                new ConditionalGanStage(),
                new ConditionalAgesStage(),
                new ConditionalVideoStage(),
                new ReportStage());
    }

    /** The pipeline of {@link #standardStages()}. */
    public static StudyPipeline standard() {
        return new StudyPipeline(standardStages());
    }

    /** The stages' names, in order. */
    public List<String> names() {
        return stages.stream().map(Stage::name).toList();
    }

    /** The names of the stages a plan enables, in order (the markers a finished run holds). */
    public List<String> names(StudyPlan plan) {
        return stages.stream().filter(s -> s.enabled(plan)).map(Stage::name).toList();
    }

    /**
     * Runs (or resumes) every stage the plan enables.
     *
     * @return the run's layout
     */
    public RunLayout run(StudyPlan plan, Path out) throws Exception {
        RunLayout layout = new RunLayout(out);
        Files.createDirectories(layout.root());
        checkPlan(plan, layout);
        PgganEngine.start();
        long t0 = System.nanoTime();
        for (Stage stage : stages) {
            if (stage.enabled(plan)) {
                runStage(stage, new StudyContext(plan, layout, seconds(layout)));
            }
        }
        LOG.info(
                "study finished in {} s this session: {}",
                String.format(Locale.ROOT, "%.0f", (System.nanoTime() - t0) / 1e9),
                layout.root());
        return layout;
    }

    /** Whether a stage finished in this run folder. */
    public static boolean done(RunLayout layout, String stage) {
        return Files.isRegularFile(layout.marker(stage));
    }

    /** Runs a stage unless it finished before; returns the seconds it took (0 if skipped). */
    static double runStage(Stage stage, StudyContext study) throws Exception {
        String name = stage.name();
        RunLayout layout = study.layout();
        if (done(layout, name)) {
            LOG.info("stage {}: done before, skipped", name);
            return 0;
        }
        LOG.info("stage {}: starting", name);
        long t0 = System.nanoTime();
        stage.run(study);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put("stage", name);
        marker.put("seconds", seconds);
        marker.put("finished", Instant.now().toString());
        Json.write(layout.marker(name), marker);
        LOG.info("stage {}: done in {} s", name, String.format(Locale.ROOT, "%.1f", seconds));
        return seconds;
    }

    /** Seconds of every stage finished in the run folder {@code out}, in pipeline order. */
    public Map<String, Double> seconds(Path out) {
        return seconds(new RunLayout(out));
    }

    /** Seconds of every finished stage, in pipeline order. */
    Map<String, Double> seconds(RunLayout layout) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Stage s : stages) {
            Path f = layout.marker(s.name());
            if (Files.isRegularFile(f)) {
                JsonNode n = Json.readTree(f);
                out.put(s.name(), n.get("seconds").asDouble());
            }
        }
        return out;
    }

    /** A folder holds one plan: resuming with other options would mix two runs. */
    private static void checkPlan(StudyPlan plan, RunLayout layout) throws IOException {
        Path file = layout.plan();
        if (Files.isRegularFile(file)) {
            StudyPlan old = StudyPlan.read(file);
            boolean addsConditional =
                    plan.gan().conditional()
                            && !old.gan().conditional()
                            && old.toBuilder().gan(g -> g.conditional(true)).build().equals(plan);
            if (addsConditional) {
                // the conditional stages only add outputs: a finished study can get them later
                LOG.info("adding the conditional stages to the run in {}", layout.root());
                Json.write(file, plan);
                Files.deleteIfExists(layout.marker("report")); // the report gets their section
            } else if (!old.equals(plan)) {
                throw new IllegalArgumentException(
                        "the output folder "
                                + layout.root()
                                + " holds a run with other options (see "
                                + file
                                + "); use another --out or the same options");
            }
        } else {
            Json.write(file, plan);
        }
    }
}
