package io.pggan.examples.study.report;

import static io.pggan.examples.study.report.ReportPage.esc;
import static io.pggan.examples.study.report.ReportPage.fmt;

import com.fasterxml.jackson.databind.JsonNode;
import io.pggan.examples.study.RunLayout;
import io.pggan.examples.study.StudyContext;
import java.util.Iterator;

/** The final metrics table (generated vs real, real vs real) and the nearest training images. */
final class FinalEvaluationSection implements ReportSection {
    @Override
    public void write(StudyContext study, ReportPage page) throws Exception {
        RunLayout run = study.layout();
        JsonNode eval = ReportPage.readJson(run.evaluation());
        if (eval == null) {
            return;
        }
        page.copy(run.evaluation(), "data/gan_evaluation.json");
        page.summary("ganEvaluation", eval);
        StringBuilder h = new StringBuilder("<h3>Final evaluation</h3>\n<p>");
        h.append(eval.path("sample").asInt())
                .append(" generated vs as many real images at ")
                .append(fmt(eval.path("kimg").asDouble(), 1))
                .append(" kimg:</p>\n<table><tr><th>metric</th><th>generated vs real</th>")
                .append("<th>real vs real</th></tr>\n");
        JsonNode g = eval.path("generated");
        JsonNode r = eval.path("realVsReal");
        for (Iterator<String> it = g.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            h.append("<tr><td>")
                    .append(esc(k))
                    .append("</td><td>")
                    .append(fmt(g.path(k).asDouble(), 4))
                    .append("</td><td>")
                    .append(r.has(k) ? fmt(r.path(k).asDouble(), 4) : "")
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<h3>Nearest training images</h3>\n");
        page.html(h.toString());
        if (page.copy(run.nearestPixels(), "nn_pixels.png")) {
            page.figure(
                    "nn_pixels.png",
                    "Each generated image (left) and its 5 nearest training"
                            + " images in pixel space.");
        }
        if (page.copy(run.nearestFeatures(), "nn_features.png")) {
            page.figure("nn_features.png", "The same in the age CNN's feature space.");
        }
    }
}
