package io.pggan.examples.study.report;

import io.pggan.data.ImageFiles;
import io.pggan.examples.study.RunLayout;
import io.pggan.examples.study.StudyContext;
import io.pggan.io.ImagePng;
import io.pggan.metrics.tracking.ProgressGrid;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The training data, the progression over resolutions (Fig. 1a) and final samples (Fig. 1b). */
final class SamplesSection implements ReportSection {
    @Override
    public void write(StudyContext study, ReportPage page) throws Exception {
        RunLayout run = study.layout();
        page.heading("Samples");
        if (page.copy(run.contactSheet(), "phantom-contact-sheet.png")) {
            page.figure(
                    "phantom-contact-sheet.png",
                    "The synthetic training data at 256x256: hand phantoms of boys (top) and girls"
                            + " (bottom) from 1 to 18 years; carpals and epiphyses appear, grow"
                            + " and fuse with age.");
        }
        if (page.copy(run.realsGrid(), "reals.png")) {
            page.figure("reals.png", "Training images (real data) at the GAN's resolution.");
        }
        if (progression(run, study.resolution(), page)) {
            page.figure(
                    "fig1a_progression.png",
                    "Fig. 1a: samples of the same latents at each resolution over training (the"
                            + " last snapshot of each resolution, top = 4x4), shown at the final"
                            + " size.");
        }
        if (page.copy(run.samplesGrid(), "fig1b_samples.png")) {
            page.figure("fig1b_samples.png", "Fig. 1b: generated images of the final model.");
        }
    }

    /** Fig. 1a: the last progress grid of every resolution, stacked, upsampled (nearest). */
    private static boolean progression(RunLayout run, int side, ReportPage page)
            throws IOException {
        TreeMap<Integer, ProgressGrid> last = new TreeMap<>();
        for (ProgressGrid g : ProgressGrid.list(run.progressGrids())) {
            last.put(g.resolution(), g);
        }
        if (last.isEmpty()) {
            return false;
        }
        List<BufferedImage> rows = new ArrayList<>();
        int width = 0;
        for (ProgressGrid p : last.values()) {
            BufferedImage g = ImageFiles.read(p.file());
            int scale = side / g.getHeight();
            rows.add(g);
            width = Math.max(width, g.getWidth() * Math.max(scale, 1));
        }
        int label = 90;
        BufferedImage out =
                new BufferedImage(width + label, side * rows.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = out.createGraphics();
        gr.setColor(Color.WHITE);
        gr.fillRect(0, 0, out.getWidth(), out.getHeight());
        gr.setRenderingHint(
                RenderingHints.KEY_INTERPOLATION,
                RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        int y = 0;
        int i = 0;
        for (Map.Entry<Integer, ProgressGrid> e : last.entrySet()) {
            BufferedImage g = rows.get(i++);
            int scale = Math.max(side / g.getHeight(), 1);
            gr.drawImage(g, label, y, g.getWidth() * scale, g.getHeight() * scale, null);
            gr.setColor(Color.BLACK);
            gr.drawString(e.getKey() + "x" + e.getKey(), 8, y + side / 2 + 5);
            y += side;
        }
        gr.dispose();
        ImagePng.write(page.dir().resolve("fig1a_progression.png"), out);
        return true;
    }
}
