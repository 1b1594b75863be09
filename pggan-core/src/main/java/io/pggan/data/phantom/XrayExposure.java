package io.pggan.data.phantom;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.SplittableRandom;

/**
 * A phantom's radiograph from its bone density and soft-tissue mask: soft tissue thicker away from
 * its edges, trabecular texture, attenuation to display values through a table, the heel effect,
 * collimation, the side marker, blur and noise.
 */
final class XrayExposure {
    private final BoneCanvas canvas;
    private final int res;
    private final float[] bone;

    XrayExposure(BoneCanvas canvas) {
        this.canvas = canvas;
        this.res = canvas.res();
        this.bone = canvas.bone();
    }

    float[] compose(
            BufferedImage softMask,
            PhantomNuisance nz,
            double mat,
            SplittableRandom noise,
            double ppm) {
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
            PhantomFilters.boxBlur(thick, res, res, r);
        }
        // Trabecular texture and a slightly soft bone edge.
        float[] tex = new float[n];
        for (int i = 0; i < n; i++) {
            tex[i] = PhantomFilters.fastGauss(noise);
        }
        int tr = Math.max(1, (int) StrictMath.round(0.5 * ppm));
        PhantomFilters.boxBlur(tex, res, res, tr);
        PhantomFilters.boxBlur(tex, res, res, tr);
        double var = 0;
        for (int i = 0; i < n; i++) {
            var += tex[i] * tex[i];
        }
        float texScale = (float) (0.09 / StrictMath.sqrt(var / n + 1e-12));
        for (int i = 0; i < n; i++) {
            bone[i] *= 1 + texScale * tex[i];
        }
        PhantomFilters.gaussianBlur(bone, res, res, Math.max(0.5, 0.25 * ppm));
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
            PhantomFilters.gaussianBlur(img, res, res, sigma);
        }
        double sd = nz.noise;
        for (int i = 0; i < n; i++) {
            img[i] += (float) sd * PhantomFilters.fastGauss(noise);
        }
        return img;
    }

    private void collimate(float[] img, PhantomNuisance nz) {
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

    private void drawMarker(float[] img, PhantomNuisance nz) {
        double size = nz.markerSize * res;
        double margin = nz.markerMargin * res;
        double x = (nz.corner == 1 || nz.corner == 2) ? res - margin - size : margin;
        double y = nz.corner >= 2 ? res - margin - size : margin;
        AffineTransform at = new AffineTransform();
        at.translate(x, y);
        at.scale(size, size);
        Shape glyph = at.createTransformedShape(MarkerGlyphs.glyph(nz.marker, 0.24));
        float[] cover = new float[res * res];
        canvas.addCoverage(glyph, 1f, cover);
        for (int i = 0; i < cover.length; i++) {
            if (cover[i] > 0) {
                float a = Math.min(1f, cover[i]);
                img[i] = (float) (img[i] * (1 - a) + nz.markerLevel * a);
            }
        }
    }
}
