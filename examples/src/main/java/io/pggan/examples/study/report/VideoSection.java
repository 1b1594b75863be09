package io.pggan.examples.study.report;

import static io.pggan.examples.study.report.ReportPage.fmt;

import com.fasterxml.jackson.databind.JsonNode;
import io.pggan.examples.study.RunLayout;
import io.pggan.examples.study.StudyContext;
import io.pggan.io.Csv;
import java.nio.file.Files;
import java.util.List;
import org.knowm.xchart.XYChart;

/** Fig. 3b: the CNN's age of every video frame with its LOESS trend, the MP4 and the GIF. */
final class VideoSection implements ReportSection {
    @Override
    public void write(StudyContext study, ReportPage page) throws Exception {
        RunLayout run = study.layout();
        page.heading("Aging along the age axis (Fig. 3b)");
        JsonNode s = ReportPage.readJson(run.videoSummary());
        if (!Files.isRegularFile(run.videoFrames()) || s == null) {
            return;
        }
        page.copy(run.videoFrames(), "data/frames.csv");
        page.copy(run.videoSummary(), "data/video_summary.json");
        page.summary("video", s);
        List<Csv.Row> rows =
                Csv.read(run.videoFrames(), "frame", "predicted_months", "loess_months");
        double[] frame = LassoSection.column(rows, "frame");
        XYChart c = Charts.xy("Predicted age per frame", "frame", "CNN-predicted age (months)");
        Charts.scatter(c, "per frame", frame, LassoSection.column(rows, "predicted_months"));
        Charts.line(c, "LOESS trend", frame, LassoSection.column(rows, "loess_months"), false);
        page.chart(
                c,
                "fig3b_age_per_frame.png",
                "Age the CNN gives each frame of the video, and its LOESS trend. Spearman of"
                        + " per-frame age with the frame index: "
                        + fmt(s.path("spearmanPerFrame").asDouble(), 3)
                        + ".");
        boolean gif = page.copy(run.videoGif(), "aging.gif");
        boolean mp4 = page.copy(run.videoMp4(), "aging.mp4");
        if (mp4) {
            page.html(
                    "<figure><video src=\"aging.mp4\" controls loop muted"
                            + (gif ? " poster=\"fig3b_age_per_frame.png\"" : "")
                            + "></video>"
                            + "<figcaption>The aging video (H.264 MP4).</figcaption></figure>\n");
        }
        if (gif) {
            page.figure("aging.gif", "The same as an animated GIF.");
        }
    }
}
