package io.pggan.data.phantom;

import io.pggan.data.Sex;
import io.pggan.io.ImagePng;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * A figure of phantoms for ages 1 to 18 years: boys in the top rows, girls below, each cell
 * labelled. Within a sex one phantom index is used for every age, so the pose and exposure stay and
 * only age changes the anatomy. (Labels use a font; the phantom pixels never do.)
 */
public final class ContactSheet {
    private static final int LABEL = 22;

    private ContactSheet() {}

    /**
     * Renders the sheet.
     *
     * @param phantoms the generator (its resolution is the cell size)
     * @param columns ages per row (18 ages, so 9 gives two rows per sex)
     * @param boyIndex phantom index used for every boy
     * @param girlIndex phantom index used for every girl
     */
    public static BufferedImage render(
            HandPhantoms phantoms, int columns, long boyIndex, long girlIndex) {
        int cell = phantoms.resolution();
        int rowsPerSex = (18 + columns - 1) / columns;
        int w = columns * cell;
        int h = 2 * rowsPerSex * (cell + LABEL);
        BufferedImage sheet = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(40, 40, 40));
            g.fillRect(0, 0, w, h);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            Sex[] sexes = {Sex.MALE, Sex.FEMALE};
            for (int si = 0; si < 2; si++) {
                for (int year = 1; year <= 18; year++) {
                    int k = year - 1;
                    int row = si * rowsPerSex + k / columns;
                    int col = k % columns;
                    int x = col * cell;
                    int y = row * (cell + LABEL);
                    long index = sexes[si] == Sex.MALE ? boyIndex : girlIndex;
                    Phantom p = phantoms.render(Math.min(228, year * 12.0), sexes[si], index);
                    g.drawImage(p.image(), x, y + LABEL, null);
                    g.setColor(Color.WHITE);
                    String label =
                            (sexes[si] == Sex.MALE ? "boy " : "girl ")
                                    + year
                                    + " y  ("
                                    + p.truth().ossifiedCarpals().size()
                                    + " carpals)";
                    g.drawString(label, x + 6, y + LABEL - 6);
                }
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /** Renders the sheet (9 ages per row) and writes it as a PNG, atomically. */
    public static void write(Path file, HandPhantoms phantoms) {
        long boy = typicalIndex(phantoms, Sex.MALE, 0);
        long girl = typicalIndex(phantoms, Sex.FEMALE, boy + 1);
        ImagePng.write(file, render(phantoms, 9, boy, girl));
    }

    /**
     * The first phantom index from {@code start} with an ordinary look for a figure: an "L" marker,
     * no collimation edge, a modest rotation, a dark background with bright bones, and the whole
     * hand in the frame (the pose does not depend on age).
     */
    static long typicalIndex(HandPhantoms phantoms, Sex sex, long start) {
        HandPhantoms small =
                HandPhantoms.builder()
                        .seed(phantoms.seed())
                        .resolution(32)
                        .variation(phantoms.variation())
                        .build();
        for (long i = start; i < start + 1000; i++) {
            Phantom p = small.render(120, sex, i);
            PhantomTruth t = p.truth();
            float[] sorted = p.pixels().clone();
            java.util.Arrays.sort(sorted);
            boolean contrasty =
                    sorted[sorted.length / 20] < -0.8f && sorted[sorted.length * 99 / 100] > 0.4f;
            if (t.marker() == 'L'
                    && !t.collimated()
                    && Math.abs(t.rotationDegrees()) < 8
                    && contrasty
                    && t.handLengthMm() * t.pixelsPerMm() < 0.62 * 32) {
                return i;
            }
        }
        return start;
    }

    /**
     * Writes {@code phantom-contact-sheet.png}: {@code java ... ContactSheet <out.png> [seed]
     * [cellSize]}.
     */
    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "phantom-contact-sheet.png");
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 2017;
        int cell = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        HandPhantoms phantoms = HandPhantoms.builder().seed(seed).resolution(cell).build();
        write(out, phantoms);
        System.out.println("Wrote " + out.toAbsolutePath());
    }
}
