package io.pggan.examples.study.report;

import io.pggan.examples.study.Stage;
import io.pggan.examples.study.StudyContext;
import java.util.List;

/**
 * The last stage: {@code report/index.html} (plain HTML and CSS, opens offline), every figure as
 * PNG (charts drawn with XChart), the GIF and MP4 of the aging video, and every number as JSON/CSV
 * under {@code report/data/}, written section by section.
 */
public final class ReportStage implements Stage {
    /** The sections, in page order. */
    static final List<ReportSection> SECTIONS =
            List.of(
                    new OverviewSection(),
                    new SamplesSection(),
                    new GanMetricsSection(),
                    new FinalEvaluationSection(),
                    new AgeCnnSection(),
                    new LassoSection(),
                    new VideoSection(),
                    new ConditionalSection());

    @Override
    public String name() {
        return "report";
    }

    @Override
    public void run(StudyContext study) throws Exception {
        ReportPage page = new ReportPage(study.layout().report());
        page.html(HEAD);
        for (ReportSection s : SECTIONS) {
            s.write(study, page);
        }
        page.finish();
    }

    private static final String HEAD =
            """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>pggan-java study report</title>
            <style>
            body { font-family: sans-serif; max-width: 1100px; margin: 2em auto; color: #222; }
            h1, h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; }
            img, video { max-width: 100%; border: 1px solid #ddd; margin: .5em 0; }
            table { border-collapse: collapse; margin: .5em 0; }
            td, th { border: 1px solid #ccc; padding: .25em .6em; text-align: right; }
            th { background: #f3f3f3; }
            td:first-child, th:first-child { text-align: left; }
            .note { color: #555; font-size: .9em; }
            figure { margin: 1em 0; }
            figcaption { font-size: .9em; color: #444; }
            </style>
            </head>
            <body>
            <h1>pggan-java: pediatric hand radiographs, GAN metrics and the age axis</h1>
            """;
}
