package io.pggan.latent.editing;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** The picture {@link AgeEditor} writes as {@code side_by_side.png}. */
final class SideBySide {
    private static final int CELL = 192;
    private static final int CAPTION = 40;

    private SideBySide() {}

    /** Tiles scaled to {@value #CELL} px wide in one row, two caption lines under each. */
    static BufferedImage of(List<BufferedImage> tiles, List<String> captions) {
        int gap = 8;
        int w = tiles.size() * CELL + (tiles.size() + 1) * gap;
        int h = CELL + CAPTION + 2 * gap;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(
                    RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            g.setColor(Color.BLACK);
            for (int i = 0; i < tiles.size(); i++) {
                int x = gap + i * (CELL + gap);
                g.drawImage(tiles.get(i), x, gap, CELL, CELL, null);
                String[] lines = captions.get(i).split("\\|");
                for (int l = 0; l < lines.length; l++) {
                    g.drawString(lines[l], x + 2, gap + CELL + 16 + 17 * l);
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
