package io.pggan.data.phantom;

import io.pggan.data.phantom.PhantomTruth.Point;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * The float density map the bones are drawn into: each shape's anti-aliased coverage (Java2D's
 * software rasteriser on a scratch image) is added with a weight, so overlapping bones add up as in
 * a projection. Shapes are in hand coordinates, mapped to pixels by {@link #toPixels}.
 */
final class BoneCanvas {
    private final int res;
    private final float[] bone;
    private final BufferedImage scratch;
    private final byte[] scratchPx;
    private final Graphics2D scratchG;
    private AffineTransform toPixels;

    BoneCanvas(int res) {
        this.res = res;
        this.bone = new float[res * res];
        this.scratch = new BufferedImage(res, res, BufferedImage.TYPE_BYTE_GRAY);
        this.scratchPx = ((DataBufferByte) scratch.getRaster().getDataBuffer()).getData();
        this.scratchG = quality(scratch.createGraphics());
        scratchG.setColor(Color.WHITE);
    }

    static Graphics2D quality(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }

    /** The map from hand coordinates (mm) to pixels. */
    void toPixels(AffineTransform t) {
        toPixels = t;
    }

    /** The side in pixels. */
    int res() {
        return res;
    }

    /** The density map (row-major, {@code res * res}). */
    float[] bone() {
        return bone;
    }

    /** Releases the scratch graphics. */
    void dispose() {
        scratchG.dispose();
    }

    /** Adds the anti-aliased coverage of a shape (hand coordinates) times weight to the bones. */
    void addBone(Shape handShape, float weight) {
        addCoverage(toPixels.createTransformedShape(handShape), weight, bone);
    }

    void addCoverage(Shape pixelShape, float weight, float[] target) {
        Rectangle2D b = pixelShape.getBounds2D();
        int x0 = Math.max(0, (int) StrictMath.floor(b.getMinX()) - 1);
        int y0 = Math.max(0, (int) StrictMath.floor(b.getMinY()) - 1);
        int x1 = Math.min(res, (int) StrictMath.ceil(b.getMaxX()) + 2);
        int y1 = Math.min(res, (int) StrictMath.ceil(b.getMaxY()) + 2);
        if (x0 >= x1 || y0 >= y1) {
            return;
        }
        scratchG.fill(pixelShape);
        float k = weight / 255f;
        for (int y = y0; y < y1; y++) {
            int row = y * res;
            for (int x = x0; x < x1; x++) {
                int v = scratchPx[row + x] & 0xFF;
                if (v != 0) {
                    target[row + x] += k * v;
                    scratchPx[row + x] = 0;
                }
            }
        }
    }

    Point px(double x, double y, double scale) {
        Point2D p = toPixels.transform(new Point2D.Double(x, y), null);
        return new Point(p.getX() * scale, p.getY() * scale);
    }

    Point vec(double x, double y, double scale) {
        Point2D p = toPixels.deltaTransform(new Point2D.Double(x, y), null);
        return new Point(p.getX() * scale, p.getY() * scale);
    }
}
