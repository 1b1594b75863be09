package io.pggan.data.phantom;

import io.pggan.data.Sex;
import io.pggan.data.phantom.Skeleton.Carpal;
import io.pggan.data.phantom.Skeleton.Epiphysis;
import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * The bones of a phantom drawn into a {@link BoneCanvas}: long bones (metacarpals, phalanges) with
 * their epiphyses growing and fusing with age, radius and ulna, and the carpals growing from round
 * centres into their adult shapes. Each returns the counts of visible-unfused and fused epiphyses.
 */
final class BoneShapes {
    // Carpals: centre x, y, width, height, rotation (deg), adult squareness exponent.
    private static final double[][] CARPAL_GEOM = {
        {2.5, 31, 14, 23, 0, 2.5}, // capitate
        {-9.5, 31.5, 15, 19, -12, 2.3}, // hamate
        {-13.5, 16.5, 13, 11, 25, 2.2}, // triquetrum
        {0, 13.5, 15, 13.5, 0, 2.3}, // lunate
        {24.5, 30, 14, 14, 30, 2.4}, // trapezium
        {14.5, 33.5, 10, 12.5, 5, 2.5}, // trapezoid
        {15.5, 15, 24, 11.5, 50, 2.0}, // scaphoid
        {-15, 20, 9.5, 9, 0, 2.0}, // pisiform
    };

    private final BoneCanvas canvas;

    BoneShapes(BoneCanvas canvas) {
        this.canvas = canvas;
    }

    enum BoneKind {
        METACARPAL(1.5, 1.0, 1.45, 0.14),
        PROXIMAL(1.55, 1.0, 1.3, 0.17),
        DISTAL(1.45, 0.85, 1.25, 0.22);

        final double base;
        final double shaft;
        final double head;
        final double zone;

        BoneKind(double base, double shaft, double head, double zone) {
            this.base = base;
            this.shaft = shaft;
            this.head = head;
            this.zone = zone;
        }
    }

    /**
     * A long bone's outline in local coordinates: x across (width {@code w} at the shaft), y from 0
     * (base) to {@code len} (head).
     */
    private static Path2D.Double boneOutline(
            double len, double w, BoneKind k, double y0, double y1, double bulge0, double bulge1) {
        int n = 20;
        Path2D.Double p = new Path2D.Double();
        double[] ys = new double[n + 1];
        double[] hw = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            double y = y0 + (y1 - y0) * i / n;
            double t = y / len;
            double b = StrictMath.exp(-(t / 0.2) * (t / 0.2));
            double h = StrictMath.exp(-((1 - t) / 0.17) * ((1 - t) / 0.17));
            double half = 0.5 * w * (k.shaft + (k.base - k.shaft) * b + (k.head - k.shaft) * h);
            if (k == BoneKind.DISTAL) {
                // Ungual tuft: the tip narrows to a rounded point.
                half *= 1 - 0.25 * StrictMath.pow(Math.max(0, t - 0.85) / 0.15, 2);
            }
            ys[i] = y;
            hw[i] = half;
        }
        p.moveTo(-hw[0], ys[0]);
        for (int i = 1; i <= n; i++) {
            p.lineTo(-hw[i], ys[i]);
        }
        // Rounded head end.
        p.quadTo(0, ys[n] + hw[n] * bulge1, hw[n], ys[n]);
        for (int i = n - 1; i >= 0; i--) {
            p.lineTo(hw[i], ys[i]);
        }
        p.quadTo(0, ys[0] - hw[0] * bulge0, -hw[0], ys[0]);
        p.closePath();
        return p;
    }

    private static AffineTransform placed(double bx, double by, double angleDeg) {
        double a = StrictMath.toRadians(angleDeg);
        double c = StrictMath.cos(a);
        double sn = StrictMath.sin(a);
        return new AffineTransform(c, -sn, sn, c, bx, by);
    }

    /** Epiphysis progress: {@code {present, growth 0..1, fusion 0..1}}. */
    private static double[] epiphysisState(Epiphysis e, double a, Sex sex) {
        if (a < e.appears(sex)) {
            return new double[] {0, 0, 0};
        }
        double g = Skeleton.ramp(e.appears(sex), e.caps(sex), a);
        double fuse = Skeleton.smoothstep(e.fusionStarts(sex), e.fused(sex), a);
        return new double[] {1, g, fuse};
    }

    /**
     * Draws a long bone with its epiphysis at the base (or at the head for the metacarpals of
     * fingers 2-5). Returns {visible-unfused, fused} epiphysis counts.
     */
    int[] drawLongBone(
            double bx,
            double by,
            double ang,
            double len,
            double w,
            BoneKind kind,
            boolean epiAtHead,
            Epiphysis e,
            double a,
            Sex sex) {
        AffineTransform at = placed(bx, by, ang);
        double[] st = epiphysisState(e, a, sex);
        double zone = kind.zone * len;
        double g = st[1];
        double fuse = st[2];
        double thick = zone * (0.3 + 0.5 * g);
        double gap = (zone - thick) * (1 - fuse);
        // Diaphysis.
        double d0 = epiAtHead ? 0 : zone;
        double d1 = epiAtHead ? len - zone : len;
        double b0 = epiAtHead ? 0.25 : 0.1;
        double b1 = epiAtHead ? 0.1 : 0.7;
        canvas.addBone(at.createTransformedShape(boneOutline(len, w, kind, d0, d1, b0, b1)), 0.7f);
        canvas.addBone(
                at.createTransformedShape(boneOutline(len, w * 0.8, kind, d0, d1, b0, b1)), 0.3f);
        double m0 = d0 + (epiAtHead ? 0.08 : 0.1) * len;
        double m1 = d1 - (epiAtHead ? 0.1 : 0.08) * len;
        Path2D.Double medulla = boneOutline(len, w * 0.55, kind, m0, m1, 0.3, 0.3);
        canvas.addBone(at.createTransformedShape(medulla), -0.45f);
        if (st[0] == 0) {
            return new int[] {0, 0};
        }
        double e0 = epiAtHead ? len - zone + gap : 0;
        double e1 = epiAtHead ? len : zone - gap;
        double width = 0.4 + 0.6 * StrictMath.pow(g, 0.8);
        float weight = 0.9f;
        Shape epi;
        if (g < 0.3) {
            double ew = w * kind.base * width;
            double eh = Math.min(e1 - e0, ew * 0.55);
            double cy = epiAtHead ? e1 - eh / 2 - 0.2 * (e1 - e0 - eh) : e0 + (e1 - e0) / 2;
            epi = new Ellipse2D.Double(-ew / 2, cy - eh / 2, ew, eh);
        } else {
            Path2D.Double band =
                    boneOutline(
                            len, w, kind, e0, e1, epiAtHead ? 0.05 : 0.25, epiAtHead ? 0.7 : 0.05);
            epi = AffineTransform.getScaleInstance(width, 1).createTransformedShape(band);
        }
        canvas.addBone(at.createTransformedShape(epi), weight);
        if (fuse >= 1) {
            // A faint physeal scar that fades over two years.
            double scar = 1 - Skeleton.ramp(e.fused(sex), e.fused(sex) + 24, a);
            if (scar > 0) {
                double y = epiAtHead ? len - zone : zone;
                Path2D.Double line =
                        boneOutline(len, w, kind, y - 0.02 * len, y + 0.02 * len, 0, 0);
                canvas.addBone(at.createTransformedShape(line), (float) (0.25 * scar));
            }
            return new int[] {0, 1};
        }
        return new int[] {1, 0};
    }

    int[] drawRadius(double s, double wf, double forearm, double a, Sex sex) {
        double k = s;
        double q = wf;
        Path2D.Double p = new Path2D.Double();
        double cx = 12 * k;
        // Ulnar edge up, articular surface sloping up to the styloid, radial edge down.
        p.moveTo(cx - 8.5 * k * q, -forearm);
        p.lineTo(cx - 8.5 * k * q, -30 * k);
        p.curveTo(cx - 9 * k * q, -15 * k, cx - 14.5 * k * q, -8 * k, cx - 15 * k * q, -1 * k);
        p.quadTo(cx - 14.5 * k * q, 1.5 * k, cx - 12 * k * q, 1.5 * k);
        p.curveTo(cx - 2 * k * q, 2 * k, cx + 8 * k * q, 4 * k, cx + 14.5 * k * q, 9 * k);
        p.quadTo(cx + 16.5 * k * q, 8 * k, cx + 16.5 * k * q, 3 * k);
        p.curveTo(cx + 16 * k * q, -8 * k, cx + 10 * k * q, -18 * k, cx + 8.5 * k * q, -32 * k);
        p.lineTo(cx + 8.5 * k * q, -forearm);
        p.closePath();
        return drawForearmBone(
                p, cx, 10 * k, 3 * k * q, forearm, Epiphysis.RADIUS, a, sex, 17 * k * q);
    }

    int[] drawUlna(double s, double wf, double forearm, double a, Sex sex) {
        double k = s;
        double q = wf;
        Path2D.Double p = new Path2D.Double();
        double cx = -11 * k;
        p.moveTo(cx - 5.5 * k * q, -forearm);
        p.lineTo(cx - 5.5 * k * q, -25 * k);
        p.curveTo(cx - 6 * k * q, -12 * k, cx - 7.5 * k * q, -6 * k, cx - 6.5 * k * q, 0);
        p.quadTo(cx - 5.5 * k * q, 3 * k, cx - 4.5 * k * q, 0.5 * k); // styloid tip
        p.quadTo(cx, -1 * k, cx + 5.5 * k * q, -1.5 * k);
        p.curveTo(cx + 7 * k * q, -4 * k, cx + 6 * k * q, -12 * k, cx + 5 * k * q, -25 * k);
        p.lineTo(cx + 5 * k * q, -forearm);
        p.closePath();
        return drawForearmBone(
                p, cx, 7 * k, 2 * k * q, forearm, Epiphysis.ULNA, a, sex, 10 * k * q);
    }

    private int[] drawForearmBone(
            Path2D.Double outline,
            double cx,
            double zone,
            double epiCentreShift,
            double forearm,
            Epiphysis e,
            double a,
            Sex sex,
            double shaftWidth) {
        double[] st = epiphysisState(e, a, sex);
        double g = st[1];
        double fuse = st[2];
        double top = -zone;
        Area dia = new Area(outline);
        dia.intersect(
                new Area(new Rectangle2D.Double(cx - 100, -forearm - 1, 200, forearm + 1 + top)));
        canvas.addBone(dia, 0.7f);
        canvas.addBone(
                AffineTransform.getTranslateInstance(cx, 0)
                        .createTransformedShape(
                                AffineTransform.getScaleInstance(0.8, 1)
                                        .createTransformedShape(
                                                AffineTransform.getTranslateInstance(-cx, 0)
                                                        .createTransformedShape(dia))),
                0.3f);
        Path2D.Double med = new Path2D.Double();
        double mw = shaftWidth * 0.28;
        med.moveTo(cx - mw, -forearm - 1);
        med.lineTo(cx - mw, top - zone * 1.2);
        med.quadTo(cx, top - zone * 0.6, cx + mw, top - zone * 1.2);
        med.lineTo(cx + mw, -forearm - 1);
        med.closePath();
        canvas.addBone(med, -0.42f);
        if (st[0] == 0) {
            return new int[] {0, 0};
        }
        double thick = zone * (0.35 + 0.45 * g);
        double gap = (zone - thick) * (1 - fuse);
        if (g < 0.3) {
            double ew = shaftWidth * (0.35 + 0.9 * g);
            double eh = ew * 0.5;
            double ecx = cx + epiCentreShift;
            double ecy = top + gap + eh / 2;
            canvas.addBone(new Ellipse2D.Double(ecx - ew / 2, ecy - eh / 2, ew, eh), 0.9f);
        } else {
            Area band = new Area(outline);
            band.intersect(new Area(new Rectangle2D.Double(cx - 100, top + gap, 200, 100)));
            double width = 0.45 + 0.55 * StrictMath.pow(g, 0.8);
            AffineTransform sx = new AffineTransform();
            sx.translate(cx + epiCentreShift * (1 - width), 0);
            sx.scale(width, 1);
            sx.translate(-cx, 0);
            canvas.addBone(sx.createTransformedShape(band), 0.9f);
        }
        if (fuse >= 1) {
            double scar = 1 - Skeleton.ramp(e.fused(sex), e.fused(sex) + 24, a);
            if (scar > 0) {
                Area line = new Area(outline);
                line.intersect(
                        new Area(
                                new Rectangle2D.Double(
                                        cx - 100, top - zone * 0.1, 200, zone * 0.2)));
                canvas.addBone(line, (float) (0.25 * scar));
            }
            return new int[] {0, 1};
        }
        return new int[] {1, 0};
    }

    void drawCarpal(Carpal c, double s, double f) {
        double[] g = CARPAL_GEOM[c.ordinal()];
        double cx = g[0] * s;
        double cy = g[1] * s;
        // Young centres are round; they grow into their adult size and shape.
        double size = StrictMath.sqrt(g[2] * g[3]);
        double w = (size + (g[2] - size) * f) * s * f * 1.12;
        double h = (size + (g[3] - size) * f) * s * f * 1.12;
        double n = 2 + (g[5] + 0.4 - 2) * f;
        Path2D.Double shape = carpalShape(c, w / 2, h / 2, n, f);
        AffineTransform at = new AffineTransform();
        at.translate(cx, cy);
        at.rotate(StrictMath.toRadians(-g[4] * f));
        canvas.addBone(at.createTransformedShape(shape), 0.68f);
        Path2D.Double mid = carpalShape(c, w / 2 * 0.86, h / 2 * 0.86, n, f);
        canvas.addBone(at.createTransformedShape(mid), 0.26f);
        Path2D.Double inner = carpalShape(c, w / 2 * 0.62, h / 2 * 0.62, n, f);
        canvas.addBone(at.createTransformedShape(inner), -0.28f);
        if (c == Carpal.HAMATE && f > 0.6) {
            // The hook of the hamate seen end-on: a faint ring.
            double r = 2.6 * s * f;
            Shape ring =
                    new BasicStroke((float) (0.9 * s))
                            .createStrokedShape(
                                    new Ellipse2D.Double(2 * s - r, -1 * s - r, 2 * r, 2 * r));
            canvas.addBone(at.createTransformedShape(ring), (float) (0.35 * (f - 0.6) / 0.4));
        }
    }

    /**
     * A carpal outline: a super-ellipse (round when the centre appears) bent towards the bone's
     * adult shape as it matures ({@code f} from about 0.2 to 1): the scaphoid gets its waist, the
     * lunate its concave distal face, the triquetrum and hamate their tapering poles.
     */
    private static Path2D.Double carpalShape(Carpal c, double a, double b, double n, double f) {
        Path2D.Double p = new Path2D.Double();
        int k = 36;
        double m = Math.max(0, (f - 0.3) / 0.7); // shape maturity
        for (int i = 0; i < k; i++) {
            double t = 2 * StrictMath.PI * i / k;
            double cs = StrictMath.cos(t);
            double sn = StrictMath.sin(t);
            double x = a * Math.signum(cs) * StrictMath.pow(Math.abs(cs), 2 / n);
            double y = b * Math.signum(sn) * StrictMath.pow(Math.abs(sn), 2 / n);
            double u = x / a;
            double v = y / b;
            switch (c) {
                case SCAPHOID:
                    y *= 1 - 0.2 * m * (1 - u * u);
                    break;
                case LUNATE:
                    if (v > 0) {
                        y -= 0.45 * b * m * (1 - u * u);
                    }
                    break;
                case TRIQUETRUM:
                    y *= 1 - 0.35 * m * Math.max(0, -u);
                    break;
                case HAMATE:
                    x *= 1 - 0.4 * m * Math.max(0, -v);
                    break;
                case CAPITATE:
                    x *= 1 - 0.15 * m * Math.max(0, -v);
                    break;
                default:
                    break;
            }
            if (i == 0) {
                p.moveTo(x, y);
            } else {
                p.lineTo(x, y);
            }
        }
        p.closePath();
        return p;
    }
}
