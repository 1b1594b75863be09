package io.pggan.examples.study.report;

import static io.pggan.examples.study.report.ReportPage.fmt;

import com.fasterxml.jackson.databind.JsonNode;
import io.pggan.examples.study.RunLayout;
import io.pggan.examples.study.StudyContext;
import io.pggan.io.Csv;
import java.util.ArrayList;
import java.util.List;

/** The bone-age CNN: test MAE overall and by age band, the training curve. */
final class AgeCnnSection implements ReportSection {
    @Override
    public void write(StudyContext study, ReportPage page) throws Exception {
        RunLayout run = study.layout();
        page.heading("Bone-age CNN");
        JsonNode eval = ReportPage.readJson(run.ageCnnEvaluation());
        if (eval == null) {
            return;
        }
        page.copy(run.ageCnnEvaluation(), "data/agecnn_evaluation.json");
        page.copy(run.ageCnnTestPredictions(), "data/agecnn_test_predictions.csv");
        page.copy(run.ageCnnHistory(), "data/agecnn_history.json");
        page.summary("ageCnnTestMae", eval.path("mae").asDouble());
        List<String> bands = new ArrayList<>();
        List<Double> mae = new ArrayList<>();
        Csv.Table bandCsv = Csv.table("band", "count", "mae_months");
        for (JsonNode b : eval.path("bands")) {
            String label = b.path("fromYears").asInt() + "-" + b.path("toYears").asInt() + " y";
            bands.add(label);
            mae.add(b.path("mae").asDouble());
            bandCsv.row(label, b.path("count").asInt(), b.path("mae").asDouble());
        }
        bandCsv.write(page.dir().resolve("data/agecnn_mae_by_band.csv"));
        page.html(
                "<p>Test MAE "
                        + fmt(eval.path("mae").asDouble(), 2)
                        + " months on "
                        + eval.path("count").asInt()
                        + " held-out images (median absolute error "
                        + fmt(eval.path("medianAbsoluteError").asDouble(), 2)
                        + ", mean error "
                        + fmt(eval.path("meanError").asDouble(), 2)
                        + ").</p>\n");
        if (!bands.isEmpty()) {
            Charts.write(
                    Charts.bars(
                            "Age CNN: MAE by age band (test set)",
                            "true age",
                            "MAE (months)",
                            bands,
                            mae),
                    page.dir().resolve("agecnn_mae_by_band.png"));
            page.figure(
                    "agecnn_mae_by_band.png", "The CNN's mean absolute error by band of true age.");
        }
        if (page.copy(run.ageCnnCurve(), "agecnn_curve.png")) {
            page.figure("agecnn_curve.png", "Training and validation MAE per epoch.");
        }
    }
}
