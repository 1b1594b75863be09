package io.pggan.data.phantom;

import io.pggan.data.Sex;
import io.pggan.data.phantom.PhantomTruth.Point;
import io.pggan.data.phantom.PhantomTruth.Region;
import io.pggan.data.phantom.Skeleton.Carpal;
import io.pggan.data.phantom.Skeleton.Epiphysis;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
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

    private final int res;
    private final BoneCanvas canvas;
    private final BoneShapes bones;

    private HandRenderer(int res) {
        this.res = res;
        this.canvas = new BoneCanvas(res);
        this.bones = new BoneShapes(canvas);
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
            r.canvas.dispose();
        }
    }

    private Phantom draw(
            long seed, long index, double age, Sex sex, int outRes, Variation variation) {
        SplittableRandom nuisRandom = new SplittableRandom(streamSeed(seed, index, 1));
        SplittableRandom anatRandom = new SplittableRandom(streamSeed(seed, index, 2));
        SplittableRandom noiseRandom = new SplittableRandom(streamSeed(seed, index, 3));
        PhantomNuisance nz = new PhantomNuisance(nuisRandom, variation);

        // Individual anatomy: size and timing vary a little around the label's typical values.
        boolean jitter = variation != Variation.NONE;
        double sizeJitter = jitter ? StrictMath.exp(0.04 * PhantomFilters.gauss(anatRandom)) : 1;
        double widthJitter = jitter ? StrictMath.exp(0.05 * PhantomFilters.gauss(anatRandom)) : 1;
        double[] carpalTiming = new double[8];
        for (int i = 0; i < 8; i++) {
            carpalTiming[i] = jitter ? StrictMath.exp(0.06 * PhantomFilters.gauss(anatRandom)) : 1;
        }
        double[] epiTiming = new double[Epiphysis.values().length];
        for (int i = 0; i < epiTiming.length; i++) {
            epiTiming[i] = jitter ? StrictMath.exp(0.04 * PhantomFilters.gauss(anatRandom)) : 1;
        }
        double sesamoidTiming =
                jitter ? StrictMath.exp(0.05 * PhantomFilters.gauss(anatRandom)) : 1;

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
        AffineTransform toPixels = new AffineTransform();
        toPixels.translate(res * (0.5 + nz.offsetX), res * (0.5 + nz.offsetY));
        toPixels.rotate(StrictMath.toRadians(nz.rotation));
        toPixels.scale(ppm, -ppm);
        toPixels.translate(-hcx, -hcy);
        canvas.toPixels(toPixels);

        BufferedImage softMask = new BufferedImage(res, res, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D soft = BoneCanvas.quality(softMask.createGraphics());
        soft.setColor(Color.WHITE);
        soft.transform(toPixels);

        int epiVisible = 0;
        int epiFused = 0;
        double forearm = 2 * fovMm + 100 * s;

        // Forearm bones.
        double eR = age / epiTiming[Epiphysis.RADIUS.ordinal()];
        int[] st = bones.drawRadius(s, wf, forearm, eR, sex);
        epiVisible += st[0];
        epiFused += st[1];
        double eU = age / epiTiming[Epiphysis.ULNA.ordinal()];
        st = bones.drawUlna(s, wf, forearm, eU, sex);
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
            bones.drawCarpal(c, s, f);
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
            st =
                    bones.drawLongBone(
                            bx,
                            by,
                            ang,
                            len,
                            w,
                            BoneShapes.BoneKind.METACARPAL,
                            ray != 0,
                            mcEpi,
                            a,
                            sex);
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
                BoneShapes.BoneKind kind =
                        p == nPhal - 1 ? BoneShapes.BoneKind.DISTAL : BoneShapes.BoneKind.PROXIMAL;
                Epiphysis e;
                if (p == nPhal - 1) {
                    e = ray == 0 ? Epiphysis.THUMB_DISTAL_PHALANX : Epiphysis.DISTAL_PHALANX;
                } else if (p == 0) {
                    e = Epiphysis.PROXIMAL_PHALANX;
                } else {
                    e = Epiphysis.MIDDLE_PHALANX;
                }
                double ea = age / epiTiming[e.ordinal()];
                st = bones.drawLongBone(x, y, fang, pl, pw, kind, false, e, ea, sex);
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
            canvas.addBone(new Ellipse2D.Double(cx - w / 2, cy - h / 2, w, h), 0.85f);
        }

        // Soft tissue: palm, wrist and forearm outline, fingers as round-capped strokes.
        drawSoftTissue(soft, s, mat, forearm, mcHeads, fingerPaths, wf);
        soft.dispose();

        float[] img = new XrayExposure(canvas).compose(softMask, nz, mat, noiseRandom, ppm);

        // Truth in output pixel coordinates.
        double scale = (double) outRes / res;
        Region wrist =
                new Region(
                        canvas.px(-23 * s, 5 * s, scale),
                        canvas.vec(56 * s, 0, scale),
                        canvas.vec(0, 38 * s, scale));
        double mc4x = (-8 - StrictMath.tan(StrictMath.toRadians(7)) * 32) * s;
        Point softProbe = canvas.px((3 * s + mc4x) / 2, 78 * s, scale);
        Point boneProbe = canvas.px(3 * s, 78 * s, scale);

        float[] out = outRes == res ? img : PhantomFilters.downsample(img, res, outRes);
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
}
