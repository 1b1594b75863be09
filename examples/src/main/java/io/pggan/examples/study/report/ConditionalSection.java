package io.pggan.examples.study.report;

import static io.pggan.examples.study.report.ReportPage.fmt;

import com.fasterxml.jackson.databind.JsonNode;
import io.pggan.examples.study.RunLayout;
import io.pggan.examples.study.StudyContext;
import java.nio.file.Path;

/** Explicit age and sex control (issue #17): the conditional stages' numbers and figures. */
final class ConditionalSection implements ReportSection {
    @Override
    public void write(StudyContext study, ReportPage page) throws Exception {
        RunLayout run = study.layout();
        Path dir = run.conditional();
        JsonNode s = ReportPage.readJson(dir.resolve("summary.json"));
        if (!study.plan().gan().conditional() || s == null) {
            return;
        }
        page.heading("Explicit age and sex control (conditional GAN)");
        page.copy(dir.resolve("summary.json"), "data/conditional_summary.json");
        page.copy(dir.resolve("ages.csv"), "data/conditional_ages.csv");
        page.summary("conditional", s);
        JsonNode a = s.path("ages");
        JsonNode v = s.path("video");
        page.html(
                "<p>A PGGAN conditioned on sex and age, trained like the study's GAN. Images"
                        + " generated at requested ages of 1 to 18 years: CNN age MAE "
                        + fmt(a.path("mae").asDouble(), 1)
                        + " months (the unconditional axis's held-out MAE: "
                        + fmt(s.path("unconditionalAxisHeldOutMae").asDouble(), 1)
                        + "), Spearman "
                        + fmt(a.path("spearman").asDouble(), 3)
                        + ". Label-sweep video: per-frame Spearman "
                        + fmt(v.path("spearmanPerFrame").asDouble(), 3)
                        + " (LASSO-axis video: "
                        + fmt(s.path("lassoVideoSpearmanPerFrame").asDouble(), 3)
                        + "). Requested sex recovered from the CNN's features in "
                        + fmt(100 * a.path("sexGeneratedAccuracy").asDouble(), 1)
                        + " % of generated images (real phantoms of the same ages: "
                        + fmt(100 * a.path("sexRealAccuracy").asDouble(), 1)
                        + " %).</p>\n");
        if (page.copy(dir.resolve("ages.png"), "conditional_ages.png")) {
            page.figure("conditional_ages.png", "Requested against CNN-predicted age.");
        }
        if (page.copy(dir.resolve("video/frames_vs_lasso.png"), "conditional_frames.png")) {
            page.figure(
                    "conditional_frames.png",
                    "CNN age per frame: the age-label sweep and the LASSO-axis video.");
        }
    }
}
