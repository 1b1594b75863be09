package io.pggan.examples.study.report;

import static io.pggan.examples.study.report.ReportPage.fmt;

import com.fasterxml.jackson.databind.JsonNode;
import io.pggan.examples.study.RunLayout;
import io.pggan.examples.study.StudyContext;
import io.pggan.io.Csv;
import java.nio.file.Files;
import java.util.List;
import org.knowm.xchart.XYChart;

/** Fig. 3a: the LASSO's age from the latent vs the CNN's age, train and held out. */
final class LassoSection implements ReportSection {
    @Override
    public void write(StudyContext study, ReportPage page) throws Exception {
        RunLayout run = study.layout();
        page.heading("LASSO of age on the latent vector (Fig. 3a)");
        JsonNode s = ReportPage.readJson(run.axisSummary());
        if (!Files.isRegularFile(run.lassoPredictions()) || s == null) {
            return;
        }
        page.copy(run.lassoPredictions(), "data/lasso_predictions.csv");
        page.copy(run.axisSummary(), "data/lasso_summary.json");
        page.copy(run.ageAxis(), "data/age-axis.json");
        page.summary("lasso", s);
        List<Csv.Row> rows =
                Csv.read(run.lassoPredictions(), "split", "cnn_months", "lasso_months");
        List<Csv.Row> train = rows.stream().filter(r -> !r.get("split").equals("test")).toList();
        List<Csv.Row> test = rows.stream().filter(r -> r.get("split").equals("test")).toList();
        XYChart c =
                Charts.xy(
                        "LASSO-predicted vs CNN age",
                        "CNN-predicted age (months)",
                        "LASSO-predicted age (months)");
        Charts.scatter(c, "train", column(train, "cnn_months"), column(train, "lasso_months"));
        Charts.scatter(c, "held out", column(test, "cnn_months"), column(test, "lasso_months"));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : column(train, "cnn_months")) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        Charts.line(c, "y = x", new double[] {lo, hi}, new double[] {lo, hi}, false);
        c.getStyler().setMarkerSize(3);
        page.chart(
                c,
                "fig3a_lasso.png",
                "Each point is a sampled latent: the age the CNN gives its image vs the LASSO's"
                        + " prediction from the latent (train and held-out 20 %).");
        page.html(
                "<table><tr><th>set</th><th>MAE (months)</th><th>sd</th></tr>\n"
                        + errRow("train", s.path("trainErrors"))
                        + errRow("held out", s.path("testErrors"))
                        + "</table>\n<p>alpha "
                        + fmt(s.path("alpha").asDouble(), 5)
                        + ", "
                        + s.path("nonZero").asInt()
                        + " non-zero coefficients; the age axis (LASSO-CV on all samples): held-out"
                        + " R&sup2; "
                        + fmt(s.path("axisHeldOutR2").asDouble(), 3)
                        + ", "
                        + fmt(s.path("axisMonthsPerUnit").asDouble(), 2)
                        + " months per unit step.</p>\n");
    }

    /** A numeric column of CSV rows. */
    static double[] column(List<Csv.Row> rows, String name) {
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rows.get(i).number(name);
        }
        return v;
    }

    private static String errRow(String name, JsonNode e) {
        return "<tr><td>"
                + name
                + "</td><td>"
                + fmt(e.path("mean").asDouble(), 2)
                + "</td><td>"
                + fmt(e.path("sd").asDouble(), 2)
                + "</td></tr>\n";
    }
}
