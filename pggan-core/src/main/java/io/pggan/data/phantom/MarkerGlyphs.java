package io.pggan.data.phantom;

import java.awt.geom.Path2D;

/**
 * The burned-in side markers drawn as polygons (no fonts: fonts differ between machines, and the
 * phantoms must be byte-identical everywhere). Glyphs live in a unit box, y down.
 */
final class MarkerGlyphs {
    private MarkerGlyphs() {}

    /** A block letter L or R in the unit square, stroke width {@code w}. */
    static Path2D.Double glyph(char letter, double w) {
        Path2D.Double p = new Path2D.Double(Path2D.WIND_NON_ZERO);
        if (letter == 'L') {
            rect(p, 0.15, 0, w, 1);
            rect(p, 0.15, 1 - w, 0.7, w);
        } else if (letter == 'R') {
            rect(p, 0.12, 0, w, 1);
            // Bowl: top bar, right side, middle bar.
            rect(p, 0.12, 0, 0.55, w);
            rect(p, 0.12, 0.5 - w / 2, 0.55, w);
            rect(p, 0.67 - w / 2 + 0.1, 0, w, 0.5 + w / 2);
            // Leg: a slanted quadrilateral from the middle bar to the bottom right.
            p.moveTo(0.45, 0.5 - w / 2);
            p.lineTo(0.45 + w * 1.15, 0.5 - w / 2);
            p.lineTo(0.92, 1);
            p.lineTo(0.92 - w * 1.15, 1);
            p.closePath();
        } else {
            throw new IllegalArgumentException("no glyph for '" + letter + "'");
        }
        return p;
    }

    private static void rect(Path2D.Double p, double x, double y, double w, double h) {
        p.moveTo(x, y);
        p.lineTo(x + w, y);
        p.lineTo(x + w, y + h);
        p.lineTo(x, y + h);
        p.closePath();
    }
}
