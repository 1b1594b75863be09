package io.pggan.metrics.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A grid of the tracked latents rendered at one evaluation ({@code k<kimg x 1000>_r<res>.png}), as
 * {@link GanMetricsListener} writes them: the study's samples per resolution (Fig. 1a).
 *
 * @param kimg training progress of the grid
 * @param resolution the resolution the generator ran at
 * @param file the PNG
 */
public record ProgressGrid(double kimg, int resolution, Path file) {
    private static final Pattern NAME = Pattern.compile("k(\\d{8})_r(\\d{4})\\.png");

    /** The file of a grid in {@code folder}. */
    public static Path file(Path folder, double kimg, int resolution) {
        return folder.resolve(
                String.format(Locale.ROOT, "k%08d_r%04d.png", Math.round(kimg * 1000), resolution));
    }

    /** Every grid in a folder, by kimg; empty if the folder does not exist. */
    public static List<ProgressGrid> list(Path folder) {
        List<ProgressGrid> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.add(
                            new ProgressGrid(
                                    Long.parseLong(m.group(1)) / 1000.0,
                                    Integer.parseInt(m.group(2)),
                                    p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list progress grids in " + folder, e);
        }
        out.sort(Comparator.comparingDouble(ProgressGrid::kimg));
        return out;
    }
}
