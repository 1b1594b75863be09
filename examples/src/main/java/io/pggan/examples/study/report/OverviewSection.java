package io.pggan.examples.study.report;

import static io.pggan.examples.study.report.ReportPage.esc;
import static io.pggan.examples.study.report.ReportPage.fmt;

import io.pggan.examples.study.StudyContext;
import io.pggan.examples.study.StudyPlan;
import io.pggan.io.Json;
import java.util.Map;

/** The profile, the data, the plan and the time each stage took. */
final class OverviewSection implements ReportSection {
    @Override
    public void write(StudyContext study, ReportPage page) throws Exception {
        StudyPlan plan = study.plan();
        page.copy(study.layout().plan(), "data/plan.json");
        Map<String, Double> seconds = study.stageSeconds();
        double total = 0;
        for (double s : seconds.values()) {
            total += s;
        }
        seconds.put("total (before the report)", total);
        page.summary("stageSeconds", seconds);
        page.summary("profile", plan.profile());
        Json.write(page.dir().resolve("data/timings.json"), seconds);
        StringBuilder h = new StringBuilder();
        h.append("<p>Profile <b>")
                .append(esc(plan.profile()))
                .append("</b>, data: ")
                .append(
                        plan.data().rsna() == null
                                ? "hand phantoms made on the fly"
                                : "RSNA folder")
                .append(", GAN ")
                .append(plan.data().resolution())
                .append("&times;")
                .append(plan.data().resolution())
                .append(", seed ")
                .append(plan.seed())
                .append(". Configuration: <a href=\"data/plan.json\">plan.json</a>. ")
                .append("Stage times (s, this machine):</p>\n")
                .append("<table><tr><th>stage</th><th>seconds</th></tr>\n");
        for (Map.Entry<String, Double> e : seconds.entrySet()) {
            h.append("<tr><td>")
                    .append(esc(e.getKey()))
                    .append("</td><td>")
                    .append(fmt(e.getValue(), 1))
                    .append("</td></tr>\n");
        }
        page.html(h.append("</table>\n").toString());
    }
}
