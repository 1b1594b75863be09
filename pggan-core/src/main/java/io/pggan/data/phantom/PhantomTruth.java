package io.pggan.data.phantom;

import io.pggan.data.Sex;
import java.util.List;

/**
 * What is known about a phantom besides its pixels. Pixel coordinates are in the output image (x
 * right, y down).
 *
 * @param ageMonths bone age in months (the label)
 * @param sex sex
 * @param seed generator seed
 * @param index phantom index (with the seed, fixes every random choice)
 * @param handLengthMm hand length (wrist to middle fingertip) in mm
 * @param pixelsPerMm image scale
 * @param rotationDegrees rotation of the hand in the image (positive = clockwise)
 * @param ossifiedCarpals names of the carpal bones that have ossified, in order of appearance
 * @param epiphysesVisible long-bone epiphyses visible and not yet fused (of 21 tracked)
 * @param epiphysesFused long-bone epiphyses completely fused (of 21 tracked)
 * @param sesamoid whether the adductor sesamoid of the thumb is visible
 * @param marker the burned-in letter ('L' or 'R')
 * @param markerCorner corner of the marker: 0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left
 * @param collimated whether collimation edges are visible
 * @param wrist the carpal region (a rotated rectangle) in pixels
 * @param softTissueProbe a pixel in soft tissue with no bone (between the 3rd and 4th metacarpals)
 * @param boneProbe a pixel on the shaft of the 3rd metacarpal (always ossified)
 */
public record PhantomTruth(
        double ageMonths,
        Sex sex,
        long seed,
        long index,
        double handLengthMm,
        double pixelsPerMm,
        double rotationDegrees,
        List<String> ossifiedCarpals,
        int epiphysesVisible,
        int epiphysesFused,
        boolean sesamoid,
        char marker,
        int markerCorner,
        boolean collimated,
        Region wrist,
        Point softTissueProbe,
        Point boneProbe) {

    /** Copies the list. */
    public PhantomTruth {
        ossifiedCarpals = List.copyOf(ossifiedCarpals);
    }

    /**
     * A pixel position.
     *
     * @param x column
     * @param y row
     */
    public record Point(double x, double y) {}

    /**
     * A parallelogram {@code origin + u * uAxis + v * vAxis} for u, v in [0, 1].
     *
     * @param origin a corner
     * @param uAxis first edge vector
     * @param vAxis second edge vector
     */
    public record Region(Point origin, Point uAxis, Point vAxis) {
        /** The pixel at {@code (u, v)} in [0, 1] x [0, 1]. */
        public Point at(double u, double v) {
            return new Point(
                    origin.x() + u * uAxis.x() + v * vAxis.x(),
                    origin.y() + u * uAxis.y() + v * vAxis.y());
        }
    }
}
