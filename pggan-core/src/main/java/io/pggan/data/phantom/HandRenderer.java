package io.pggan.data.phantom;

import io.pggan.data.Sex;
import io.pggan.data.phantom.PhantomTruth.Point;
import io.pggan.data.phantom.PhantomTruth.Region;
import io.pggan.data.phantom.Skeleton.Carpal;
import io.pggan.data.phantom.Skeleton.Epiphysis;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws one phantom. Anatomy is laid out in millimetres in hand coordinates (x toward the thumb, y
 * toward the fingertips, origin at the middle of the radiocarpal joint) for an adult male hand and
 * scaled by age; each bone is an anti-aliased Java2D shape whose coverage is added, with a weight,
 * into a float density map, so that overlapping bones add up as in a projection.
 *
 * <p>Only StrictMath, SplittableRandom and Java2D's software rasteriser are used, so the output is
 * the same on every machine.
 */
final class HandRenderer {
    /** Hand length of the adult male reference layout, mm. */
    private static final double REF_LENGTH = 190;

    /** Rendering below this side is done at this side and area-downsampled. */
    static final int MIN_RENDER = 128;

    // Ray layout: base x, base y, metacarpal angle (deg, + toward thumb), metacarpal length,
    // metacarpal width, phalanx lengths, phalanx widths. Thumb, index, middle, ring, little.
    private static final double[][] RAY_BASE = {
        {27, 38.5, 36, 44, 8.5},
        {14, 45, 6, 66, 7.5},
        {3, 46.5, 0, 63, 7.5},
        {-8, 46, -7, 56, 6.8},
        {-17.5, 43, -15, 51, 6.3}
    };
    private static final double[][] PHAL_LEN = {
        {31, 24}, {40, 23, 17}, {45, 27, 19}, {42, 26, 18}, {33, 19, 16}
    };
    private static final double[][] PHAL_W = {
        {8, 7.2}, {7.3, 6.3, 5.4}, {7.8, 6.8, 5.7}, {7.2, 6.2, 5.3}, {6.4, 5.4, 4.8}
    };
    // Finger splay at the MCP joint per unit of "spread" (deg).
    private static final double[] SPLAY = {-10, 5, 0, -5, -10};

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

    private final int res;
    private final float[] bone;
    private final BufferedImage scratch;
    private final byte[] scratchPx;
    private final Graphics2D scratchG;
    private AffineTransform toPixels;

    private HandRenderer(int res) {
        this.res = res;
        this.bone = new float[res * res];
        this.scratch = new BufferedImage(res, res, BufferedImage.TYPE_BYTE_GRAY);
        this.scratchPx = ((DataBufferByte) scratch.getRaster().getDataBuffer()).getData();
        this.scratchG = quality(scratch.createGraphics());
        scratchG.setColor(Color.WHITE);
    }

    private static Graphics2D quality(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }

    /** A 64-bit mix (SplitMix64 finaliser) of the seed, the index and a stream number. */
    static long streamSeed(long seed, long index, int stream) {
        long z =
                seed * 0x9E3779B97F4A7C15L
                        + index * 0xBF58476D1CE4E5B9L
                        + stream * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Renders one phantom at the given side. */
    static Phantom render(
            long seed, long index, double ageMonths, Sex sex, int resolution, Variation variation) {
        int renderRes = Math.max(resolution, MIN_RENDER);
        HandRenderer r = new HandRenderer(renderRes);
        try {
            return r.draw(seed, index, ageMonths, sex, resolution, variation);
        } finally {
            r.scratchG.dispose();
        }
    }

    /** Random choices that do not depend on age. */
    private static final class Nuisance {
        double rotation;
        double spread;
        final double[] fingerJitter = new double[5];
        final double[] flexion = new double[5];
        double fovFactor;
        double offsetX;
        double offsetY;
        double forearm;
        double softThickness;
        double lo;
        double hi;
        double gamma;
        double noise;
        double blur;
        double heelAmp;
        double heelAngle;
        char marker;
        int corner;
        double markerSize;
        double markerLevel;
        double markerMargin;
        boolean collimated;
        final double[] collim = new double[4];
        double collimLevel;
        double collimTilt;

        Nuisance(SplittableRandom r, Variation v) {
            double k = v == Variation.NONE ? 0 : 1;
            rotation = k * uniform(r, -15, 15);
            spread = 1 + k * uniform(r, -0.6, 0.6);
            for (int i = 0; i < 5; i++) {
                fingerJitter[i] = k * uniform(r, -3, 3);
                flexion[i] = k * uniform(r, 0, 0.55);
            }
            fovFactor = v == Variation.NONE ? 1.45 : uniform(r, 1.35, 1.9);
            offsetX = k * uniform(r, -0.06, 0.06);
            offsetY = k * uniform(r, -0.06, 0.06);
            forearm = v == Variation.NONE ? 70 : uniform(r, 25, 120);
            softThickness = v == Variation.NONE ? 1 : uniform(r, 0.75, 1.3);
            lo = v == Variation.NONE ? 0.04 : uniform(r, 0.0, 0.2);
            hi = v == Variation.NONE ? 0.92 : uniform(r, 0.72, 1.0);
            gamma = v == Variation.NONE ? 1 : StrictMath.exp(uniform(r, -0.3, 0.3));
            noise = v == Variation.NONE ? 0.008 : uniform(r, 0.004, 0.03);
            blur = v == Variation.NONE ? 0.4 : uniform(r, 0.0, 1.0);
            heelAmp = k * uniform(r, -0.06, 0.06);
            heelAngle = uniform(r, 0, 2 * StrictMath.PI);
            marker = r.nextDouble() < 0.85 ? 'L' : 'R';
            corner = r.nextInt(4);
            markerSize = uniform(r, 0.05, 0.085);
            markerLevel = uniform(r, 0.8, 1.0);
            markerMargin = uniform(r, 0.02, 0.06);
            collimated = v != Variation.NONE && r.nextDouble() < 0.3;
            for (int i = 0; i < 4; i++) {
                collim[i] = r.nextDouble() < 0.5 ? uniform(r, 0.02, 0.12) : -1;
            }
            collimLevel = uniform(r, 0.35, 0.6);
            collimTilt = uniform(r, -0.04, 0.04);
        }
    }

    static double uniform(SplittableRandom r, double a, double b) {
        return a + (b - a) * r.nextDouble();
    }

    private Phantom draw(
            long seed, long index, double age, Sex sex, int outRes, Variation variation) {
        SplittableRandom nuisRandom = new SplittableRandom(streamSeed(seed, index, 1));
        SplittableRandom anatRandom = new SplittableRandom(streamSeed(seed, index, 2));
        SplittableRandom noiseRandom = new SplittableRandom(streamSeed(seed, index, 3));
        Nuisance nz = new Nuisance(nuisRandom, variation);

        // Individual anatomy: size and timing vary a little around the label's typical values.
        boolean jitter = variation != Variation.NONE;
        double sizeJitter = jitter ? StrictMath.exp(0.04 * gauss(anatRandom)) : 1;
        double widthJitter = jitter ? StrictMath.exp(0.05 * gauss(anatRandom)) : 1;
        double[] carpalTiming = new double[8];
        for (int i = 0; i < 8; i++) {
            carpalTiming[i] = jitter ? StrictMath.exp(0.06 * gauss(anatRandom)) : 1;
        }
        double[] epiTiming = new double[Epiphysis.values().length];
        for (int i = 0; i < epiTiming.length; i++) {
            epiTiming[i] = jitter ? StrictMath.exp(0.04 * gauss(anatRandom)) : 1;
        }
        double sesamoidTiming = jitter ? StrictMath.exp(0.05 * gauss(anatRandom)) : 1;

        double handLength = Skeleton.handLengthMm(age, sex) * sizeJitter;
        double s = handLength / REF_LENGTH;
        double mat = Skeleton.maturity(age, sex);
        double wf = (0.8 + 0.2 * mat) * widthJitter; // young bones are slender
        // Cartilage makes young joints wide.
        double joint = (1.8 + 3.5 * (1 - mat)) * s;

        double fovMm = 270 * StrictMath.pow(s, 0.85) * nz.fovFactor / 1.45;
        double ppm = res / fovMm;
        double hcx = 4 * s;
        // How much forearm shows is a framing choice: the arm itself always runs off the image.
        double hcy = (105 - 0.2 * nz.forearm) * s;
        toPixels = new AffineTransform();
        toPixels.translate(res * (0.5 + nz.offsetX), res * (0.5 + nz.offsetY));
        toPixels.rotate(StrictMath.toRadians(nz.rotation));
        toPixels.scale(ppm, -ppm);
        toPixels.translate(-hcx, -hcy);

        BufferedImage softMask = new BufferedImage(res, res, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D soft = quality(softMask.createGraphics());
        soft.setColor(Color.WHITE);
        soft.transform(toPixels);

        int epiVisible = 0;
        int epiFused = 0;
        double forearm = 2 * fovMm + 100 * s;

        // Forearm bones.
        double eR = age / epiTiming[Epiphysis.RADIUS.ordinal()];
        int[] st = drawRadius(s, wf, forearm, eR, sex);
        epiVisible += st[0];
        epiFused += st[1];
        double eU = age / epiTiming[Epiphysis.ULNA.ordinal()];
        st = drawUlna(s, wf, forearm, eU, sex);
        epiVisible += st[0];
        epiFused += st[1];

        // Carpals.
        List<String> ossified = new ArrayList<>();
        for (Carpal c : Carpal.values()) {
            double a = age / carpalTiming[c.ordinal()];
            double appear = c.appears(sex);
            if (a < appear) {
                continue;
            }
            ossified.add(c.name().toLowerCase(java.util.Locale.ROOT));
            double mature = Skeleton.carpalsMature(sex);
            if (c == Carpal.PISIFORM) {
                mature += 24;
            }
            double u = Skeleton.ramp(appear, mature, a);
            double f = 0.22 + 0.78 * (1 - StrictMath.pow(1 - u, 1.7));
            drawCarpal(c, s, f);
        }

        // Rays: metacarpals and phalanges.
        Point2D.Double[] mcHeads = new Point2D.Double[5];
        double[] mcAngles = new double[5];
        List<Point2D.Double[]> fingerPaths = new ArrayList<>();
        for (int ray = 0; ray < 5; ray++) {
            double[] b = RAY_BASE[ray];
            double bx = b[0] * s;
            double by = b[1] * s;
            double ang = b[2] + (ray == 0 ? nz.fingerJitter[0] : 0);
            double len = b[3] * s;
            double w = b[4] * s * wf;
            Epiphysis mcEpi = ray == 0 ? Epiphysis.THUMB_METACARPAL : Epiphysis.METACARPAL;
            double a = age / epiTiming[mcEpi.ordinal()];
            st = drawLongBone(bx, by, ang, len, w, BoneKind.METACARPAL, ray != 0, mcEpi, a, sex);
            epiVisible += st[0];
            epiFused += st[1];
            double rad = StrictMath.toRadians(ang);
            Point2D.Double head =
                    new Point2D.Double(
                            bx + len * StrictMath.sin(rad), by + len * StrictMath.cos(rad));
            mcHeads[ray] = head;
            mcAngles[ray] = ang;
            List<Point2D.Double> path = new ArrayList<>();
            path.add(new Point2D.Double(bx, by));
            path.add(head);
            double fang =
                    ang + nz.spread * SPLAY[ray] * (ray == 0 ? 0.6 : 1) + nz.fingerJitter[ray];
            double x = head.x;
            double y = head.y;
            int nPhal = PHAL_LEN[ray].length;
            for (int p = 0; p < nPhal; p++) {
                // Flexion foreshortens the middle and distal phalanges in a PA projection.
                double flex = p == 0 ? 0.35 * nz.flexion[ray] : nz.flexion[ray];
                double pl = PHAL_LEN[ray][p] * s * StrictMath.cos(flex);
                double pw = PHAL_W[ray][p] * s * wf;
                double pr = StrictMath.toRadians(fang);
                x += joint * StrictMath.sin(pr);
                y += joint * StrictMath.cos(pr);
                BoneKind kind = p == nPhal - 1 ? BoneKind.DISTAL : BoneKind.PROXIMAL;
                Epiphysis e;
                if (p == nPhal - 1) {
                    e = ray == 0 ? Epiphysis.THUMB_DISTAL_PHALANX : Epiphysis.DISTAL_PHALANX;
                } else if (p == 0) {
                    e = Epiphysis.PROXIMAL_PHALANX;
                } else {
                    e = Epiphysis.MIDDLE_PHALANX;
                }
                double ea = age / epiTiming[e.ordinal()];
                st = drawLongBone(x, y, fang, pl, pw, kind, false, e, ea, sex);
                epiVisible += st[0];
                epiFused += st[1];
                x += pl * StrictMath.sin(pr);
                y += pl * StrictMath.cos(pr);
                path.add(new Point2D.Double(x, y));
                fang += nz.spread * 0.15 * SPLAY[ray] * 0.3;
            }
            fingerPaths.add(path.toArray(new Point2D.Double[0]));
        }

        // Adductor sesamoid of the thumb, on the ulnar side of the first metacarpal head.
        boolean sesamoid = false;
        double sa = age / sesamoidTiming;
        double sesAppear = Skeleton.sesamoidAppears(sex);
        if (sa >= sesAppear) {
            sesamoid = true;
            double f = 0.35 + 0.65 * Skeleton.ramp(sesAppear, sesAppear + 30, sa);
            double rad = StrictMath.toRadians(mcAngles[0]);
            double cx =
                    mcHeads[0].x - 2.6 * s * StrictMath.cos(rad) - 3.5 * s * StrictMath.sin(rad);
            double cy =
                    mcHeads[0].y + 2.6 * s * StrictMath.sin(rad) - 3.5 * s * StrictMath.cos(rad);
            double w = 5 * s * f;
            double h = 4.2 * s * f;
            addBone(new Ellipse2D.Double(cx - w / 2, cy - h / 2, w, h), 0.85f);
        }

        // Soft tissue: palm, wrist and forearm outline, fingers as round-capped strokes.
        drawSoftTissue(soft, s, mat, forearm, mcHeads, fingerPaths, wf);
        soft.dispose();

        float[] img = compose(softMask, nz, mat, noiseRandom, ppm);

        // Truth in output pixel coordinates.
        double scale = (double) outRes / res;
        Region wrist =
                new Region(px(-23 * s, 5 * s, scale), vec(56 * s, 0, scale), vec(0, 38 * s, scale));
        double mc4x = (-8 - StrictMath.tan(StrictMath.toRadians(7)) * 32) * s;
        Point softProbe = px((3 * s + mc4x) / 2, 78 * s, scale);
        Point boneProbe = px(3 * s, 78 * s, scale);

        float[] out = outRes == res ? img : downsample(img, res, outRes);
        BufferedImage image = new BufferedImage(outRes, outRes, BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        float[] pixels = new float[out.length];
        for (int i = 0; i < out.length; i++) {
            int b = (int) StrictMath.rint(Math.max(0, Math.min(1, out[i])) * 255);
            dst[i] = (byte) b;
            pixels[i] = b / 127.5f - 1f;
        }
        PhantomTruth truth =
                new PhantomTruth(
                        age,
                        sex,
                        seed,
                        index,
                        handLength,
                        ppm * scale,
                        nz.rotation,
                        ossified,
                        epiVisible,
                        epiFused,
                        sesamoid,
                        nz.marker,
                        nz.corner,
                        nz.collimated,
                        wrist,
                        softProbe,
                        boneProbe);
        return new Phantom(image, pixels, truth);
    }

    private Point px(double x, double y, double scale) {
        Point2D p = toPixels.transform(new Point2D.Double(x, y), null);
        return new Point(p.getX() * scale, p.getY() * scale);
    }

    private Point vec(double x, double y, double scale) {
        Point2D p = toPixels.deltaTransform(new Point2D.Double(x, y), null);
        return new Point(p.getX() * scale, p.getY() * scale);
    }

    /** Approximately normal noise (Irwin-Hall of 4 uniforms): cheap, exact across machines. */
    private static float fastGauss(SplittableRandom r) {
        double u = r.nextDouble() + r.nextDouble() + r.nextDouble() + r.nextDouble();
        return (float) ((u - 2) * 1.7320508075688772);
    }

    private static double gauss(SplittableRandom r) {
        // Box-Muller with StrictMath: the same numbers on every machine.
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    // ---------------------------------------------------------------- bones

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
    private int[] drawLongBone(
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
        addBone(at.createTransformedShape(boneOutline(len, w, kind, d0, d1, b0, b1)), 0.7f);
        addBone(at.createTransformedShape(boneOutline(len, w * 0.8, kind, d0, d1, b0, b1)), 0.3f);
        double m0 = d0 + (epiAtHead ? 0.08 : 0.1) * len;
        double m1 = d1 - (epiAtHead ? 0.1 : 0.08) * len;
        Path2D.Double medulla = boneOutline(len, w * 0.55, kind, m0, m1, 0.3, 0.3);
        addBone(at.createTransformedShape(medulla), -0.45f);
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
        addBone(at.createTransformedShape(epi), weight);
        if (fuse >= 1) {
            // A faint physeal scar that fades over two years.
            double scar = 1 - Skeleton.ramp(e.fused(sex), e.fused(sex) + 24, a);
            if (scar > 0) {
                double y = epiAtHead ? len - zone : zone;
                Path2D.Double line =
                        boneOutline(len, w, kind, y - 0.02 * len, y + 0.02 * len, 0, 0);
                addBone(at.createTransformedShape(line), (float) (0.25 * scar));
            }
            return new int[] {0, 1};
        }
        return new int[] {1, 0};
    }

    private int[] drawRadius(double s, double wf, double forearm, double a, Sex sex) {
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

    private int[] drawUlna(double s, double wf, double forearm, double a, Sex sex) {
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
        addBone(dia, 0.7f);
        addBone(
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
        addBone(med, -0.42f);
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
            addBone(new Ellipse2D.Double(ecx - ew / 2, ecy - eh / 2, ew, eh), 0.9f);
        } else {
            Area band = new Area(outline);
            band.intersect(new Area(new Rectangle2D.Double(cx - 100, top + gap, 200, 100)));
            double width = 0.45 + 0.55 * StrictMath.pow(g, 0.8);
            AffineTransform sx = new AffineTransform();
            sx.translate(cx + epiCentreShift * (1 - width), 0);
            sx.scale(width, 1);
            sx.translate(-cx, 0);
            addBone(sx.createTransformedShape(band), 0.9f);
        }
        if (fuse >= 1) {
            double scar = 1 - Skeleton.ramp(e.fused(sex), e.fused(sex) + 24, a);
            if (scar > 0) {
                Area line = new Area(outline);
                line.intersect(
                        new Area(
                                new Rectangle2D.Double(
                                        cx - 100, top - zone * 0.1, 200, zone * 0.2)));
                addBone(line, (float) (0.25 * scar));
            }
            return new int[] {0, 1};
        }
        return new int[] {1, 0};
    }

    private void drawCarpal(Carpal c, double s, double f) {
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
        addBone(at.createTransformedShape(shape), 0.68f);
        Path2D.Double mid = carpalShape(c, w / 2 * 0.86, h / 2 * 0.86, n, f);
        addBone(at.createTransformedShape(mid), 0.26f);
        Path2D.Double inner = carpalShape(c, w / 2 * 0.62, h / 2 * 0.62, n, f);
        addBone(at.createTransformedShape(inner), -0.28f);
        if (c == Carpal.HAMATE && f > 0.6) {
            // The hook of the hamate seen end-on: a faint ring.
            double r = 2.6 * s * f;
            Shape ring =
                    new BasicStroke((float) (0.9 * s))
                            .createStrokedShape(
                                    new Ellipse2D.Double(2 * s - r, -1 * s - r, 2 * r, 2 * r));
            addBone(at.createTransformedShape(ring), (float) (0.35 * (f - 0.6) / 0.4));
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

    /** Adds the anti-aliased coverage of a shape (hand coordinates) times weight to the bones. */
    private void addBone(Shape handShape, float weight) {
        addCoverage(toPixels.createTransformedShape(handShape), weight, bone);
    }

    private void addCoverage(Shape pixelShape, float weight, float[] target) {
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

    // ---------------------------------------------------------------- soft tissue

    private void drawSoftTissue(
            Graphics2D g,
            double s,
            double mat,
            double forearm,
            Point2D.Double[] mcHeads,
            List<Point2D.Double[]> fingers,
            double wf) {
        double chub = 1 + 0.3 * (1 - mat); // babies have relatively more soft tissue
        double c = chub;
        Point2D.Double[] webs = new Point2D.Double[5];
        for (int ray = 0; ray < 5; ray++) {
            Point2D.Double[] f = fingers.get(ray);
            double t = ray == 0 ? 0.45 : 0.3;
            webs[ray] =
                    new Point2D.Double(
                            f[1].x + t * (f[2].x - f[1].x), f[1].y + t * (f[2].y - f[1].y));
        }
        Path2D.Double palm = new Path2D.Double();
        palm.moveTo(-25 * s * c, -forearm - 5);
        palm.curveTo(-23 * s * c, -40 * s, -21 * s * c, -15 * s, -22 * s * c, 2 * s);
        palm.curveTo(
                -26 * s * c,
                25 * s,
                -33 * s * c,
                45 * s,
                mcHeads[4].x - 6.5 * s * c,
                mcHeads[4].y - 14 * s);
        palm.lineTo(mcHeads[4].x - 5 * s * c, mcHeads[4].y - 2 * s);
        palm.lineTo(webs[4].x, webs[4].y);
        for (int ray = 3; ray >= 1; ray--) {
            Point2D.Double a = webs[ray + 1];
            Point2D.Double b = webs[ray];
            palm.lineTo((a.x + b.x) / 2, (a.y + b.y) / 2);
            palm.lineTo(b.x, b.y);
        }
        palm.lineTo(mcHeads[1].x + 6 * s * c, mcHeads[1].y - 2 * s);
        // Thumb web space, then the thenar eminence down to the wrist.
        palm.quadTo(
                (mcHeads[1].x + webs[0].x) / 2,
                (mcHeads[1].y + webs[0].y) / 2 - 14 * s,
                webs[0].x,
                webs[0].y);
        palm.lineTo(mcHeads[0].x + 6 * s * c, mcHeads[0].y - 4 * s);
        palm.curveTo(37 * s * c, 40 * s, 35 * s * c, 22 * s, 31 * s * c, 8 * s);
        palm.curveTo(28 * s * c, -5 * s, 29 * s * c, -30 * s, 31 * s * c, -forearm - 5);
        palm.closePath();
        g.fill(palm);
        g.setStroke(
                new BasicStroke((float) (6 * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(palm);
        for (int ray = 0; ray < 5; ray++) {
            Point2D.Double[] path = fingers.get(ray);
            for (int i = 0; i + 1 < path.length; i++) {
                double bw = i == 0 ? RAY_BASE[ray][4] : PHAL_W[ray][i - 1];
                double width = (bw * 1.25 * wf + (i == 0 ? 10 : 8.5) * chub) * s;
                g.setStroke(
                        new BasicStroke(
                                (float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                Point2D.Double p0 = path[i];
                Point2D.Double p1 = path[i + 1];
                if (i == path.length - 2) {
                    // Fingertip pad reaches a little beyond the distal phalanx.
                    double dx = p1.x - p0.x;
                    double dy = p1.y - p0.y;
                    double l = StrictMath.sqrt(dx * dx + dy * dy);
                    double ext = 0.5 * s;
                    p1 = new Point2D.Double(p1.x + dx / l * ext, p1.y + dy / l * ext);
                }
                Path2D.Double seg = new Path2D.Double();
                seg.moveTo(p0.x, p0.y);
                seg.lineTo(p1.x, p1.y);
                g.draw(seg);
            }
        }
    }

    // ---------------------------------------------------------------- imaging

    private float[] compose(
            BufferedImage softMask, Nuisance nz, double mat, SplittableRandom noise, double ppm) {
        int n = res * res;
        byte[] m = ((DataBufferByte) softMask.getRaster().getDataBuffer()).getData();
        float[] softF = new float[n];
        for (int i = 0; i < n; i++) {
            softF[i] = (m[i] & 0xFF) / 255f;
        }
        // Soft tissue is thicker away from its edges: a blurred copy of the mask.
        float[] thick = softF.clone();
        int r = Math.max(1, (int) StrictMath.round(4 * ppm));
        for (int pass = 0; pass < 2; pass++) {
            boxBlur(thick, res, res, r);
        }
        // Trabecular texture and a slightly soft bone edge.
        float[] tex = new float[n];
        for (int i = 0; i < n; i++) {
            tex[i] = fastGauss(noise);
        }
        int tr = Math.max(1, (int) StrictMath.round(0.5 * ppm));
        boxBlur(tex, res, res, tr);
        boxBlur(tex, res, res, tr);
        double var = 0;
        for (int i = 0; i < n; i++) {
            var += tex[i] * tex[i];
        }
        float texScale = (float) (0.09 / StrictMath.sqrt(var / n + 1e-12));
        for (int i = 0; i < n; i++) {
            bone[i] *= 1 + texScale * tex[i];
        }
        gaussianBlur(bone, res, res, Math.max(0.5, 0.25 * ppm));
        float muSoft = (float) (0.27 * nz.softThickness);
        float muBone = (float) (1.35 + 0.1 * mat);
        float[] img = new float[n];
        double lo = nz.lo;
        double hi = nz.hi;
        double hx = StrictMath.cos(nz.heelAngle) * nz.heelAmp;
        double hy = StrictMath.sin(nz.heelAngle) * nz.heelAmp;
        // Attenuation to display value through a table (StrictMath once per entry, not per pixel).
        final int lutSize = 1024;
        final float attMax = 6f;
        float[] lut = new float[lutSize + 2];
        for (int k = 0; k <= lutSize + 1; k++) {
            double d = 1 - StrictMath.exp(-(double) k * attMax / lutSize);
            lut[k] = (float) (lo + (hi - lo) * StrictMath.pow(d, nz.gamma));
        }
        float toIndex = lutSize / attMax;
        for (int y = 0; y < res; y++) {
            float heel = (float) (hy * (y / (double) res - 0.5));
            for (int x = 0; x < res; x++) {
                int i = y * res + x;
                float soft = softF[i] * (0.45f + 0.75f * thick[i]);
                float att = muSoft * soft + muBone * Math.max(0f, bone[i]);
                float pos = Math.min(att * toIndex, lutSize);
                int k = (int) pos;
                float f = pos - k;
                float v = lut[k] + f * (lut[k + 1] - lut[k]);
                img[i] = v + heel + (float) (hx * (x / (double) res - 0.5));
            }
        }
        if (nz.collimated) {
            collimate(img, nz);
        }
        drawMarker(img, nz);
        double sigma = nz.blur * res / 256.0;
        if (sigma > 0.05) {
            gaussianBlur(img, res, res, sigma);
        }
        double sd = nz.noise;
        for (int i = 0; i < n; i++) {
            img[i] += (float) sd * fastGauss(noise);
        }
        return img;
    }

    private void collimate(float[] img, Nuisance nz) {
        double level = nz.lo + (nz.hi - nz.lo) * nz.collimLevel;
        for (int side = 0; side < 4; side++) {
            double depth = nz.collim[side];
            if (depth < 0) {
                continue;
            }
            for (int y = 0; y < res; y++) {
                for (int x = 0; x < res; x++) {
                    double u = (x + 0.5) / res;
                    double v = (y + 0.5) / res;
                    double dist;
                    switch (side) {
                        case 0:
                            dist = v - nz.collimTilt * (u - 0.5);
                            break;
                        case 1:
                            dist = 1 - u - nz.collimTilt * (v - 0.5);
                            break;
                        case 2:
                            dist = 1 - v + nz.collimTilt * (u - 0.5);
                            break;
                        default:
                            dist = u + nz.collimTilt * (v - 0.5);
                    }
                    double edge = (depth - dist) * res; // > 0 inside the blocked band
                    double a = Math.max(0, Math.min(1, edge + 0.5));
                    if (a > 0) {
                        int i = y * res + x;
                        img[i] = (float) (img[i] * (1 - a) + level * a);
                    }
                }
            }
        }
    }

    private void drawMarker(float[] img, Nuisance nz) {
        double size = nz.markerSize * res;
        double margin = nz.markerMargin * res;
        double x = (nz.corner == 1 || nz.corner == 2) ? res - margin - size : margin;
        double y = nz.corner >= 2 ? res - margin - size : margin;
        AffineTransform at = new AffineTransform();
        at.translate(x, y);
        at.scale(size, size);
        Shape glyph = at.createTransformedShape(MarkerGlyphs.glyph(nz.marker, 0.24));
        float[] cover = new float[res * res];
        addCoverage(glyph, 1f, cover);
        for (int i = 0; i < cover.length; i++) {
            if (cover[i] > 0) {
                float a = Math.min(1f, cover[i]);
                img[i] = (float) (img[i] * (1 - a) + nz.markerLevel * a);
            }
        }
    }

    static void boxBlur(float[] a, int w, int h, int r) {
        float[] tmp = new float[Math.max(w, h)];
        float norm = 1f / (2 * r + 1);
        for (int y = 0; y < h; y++) {
            blurLine(a, y * w, 1, w, r, norm, tmp);
        }
        for (int x = 0; x < w; x++) {
            blurLine(a, x, w, h, r, norm, tmp);
        }
    }

    private static void blurLine(
            float[] a, int off, int step, int n, int r, float norm, float[] tmp) {
        for (int i = 0; i < n; i++) {
            tmp[i] = a[off + i * step];
        }
        double acc = 0;
        for (int i = -r; i <= r; i++) {
            acc += tmp[clamp(i, n)];
        }
        for (int i = 0; i < n; i++) {
            a[off + i * step] = (float) (acc * norm);
            acc += tmp[clamp(i + r + 1, n)] - tmp[clamp(i - r, n)];
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }

    static void gaussianBlur(float[] a, int w, int h, double sigma) {
        int r = (int) StrictMath.ceil(3 * sigma);
        float[] k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = (float) StrictMath.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        float[] tmp = new float[Math.max(w, h)];
        for (int y = 0; y < h; y++) {
            convolve(a, y * w, 1, w, k, r, tmp);
        }
        for (int x = 0; x < w; x++) {
            convolve(a, x, w, h, k, r, tmp);
        }
    }

    private static void convolve(
            float[] a, int off, int step, int n, float[] k, int r, float[] tmp) {
        for (int i = 0; i < n; i++) {
            tmp[i] = a[off + i * step];
        }
        for (int i = 0; i < n; i++) {
            float acc = 0;
            for (int j = -r; j <= r; j++) {
                acc += k[j + r] * tmp[clamp(i + j, n)];
            }
            a[off + i * step] = acc;
        }
    }

    private static float[] downsample(float[] img, int from, int to) {
        int f = from / to;
        float[] out = new float[to * to];
        float norm = 1f / (f * f);
        for (int y = 0; y < to; y++) {
            for (int x = 0; x < to; x++) {
                float acc = 0;
                for (int dy = 0; dy < f; dy++) {
                    int row = (y * f + dy) * from + x * f;
                    for (int dx = 0; dx < f; dx++) {
                        acc += img[row + dx];
                    }
                }
                out[y * to + x] = acc * norm;
            }
        }
        return out;
    }
}
