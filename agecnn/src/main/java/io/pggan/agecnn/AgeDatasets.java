package io.pggan.agecnn;

import io.pggan.data.ImageSource;
import io.pggan.data.Sex;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.data.rsna.BoneAgeRecord;
import io.pggan.data.rsna.RsnaDataset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Builds {@link AgeDataset}s from the library's image readers: the RSNA bone-age reader and the
 * hand-phantom generator. Images are loaded (rendered) into memory once, one channel, in [-1, 1].
 */
public final class AgeDatasets {
    private AgeDatasets() {}

    /**
     * Phantoms {@code firstIndex .. firstIndex + count - 1} with the generator's own ages and sexes
     * (RSNA-like distribution). Disjoint index ranges give disjoint train/validation/test sets.
     *
     * @param phantoms the generator (its resolution is the image size)
     * @param firstIndex first phantom index
     * @param count number of phantoms
     * @param progress show a progress bar while rendering
     * @return the dataset, with sex
     */
    public static AgeDataset phantoms(
            HandPhantoms phantoms, long firstIndex, int count, boolean progress) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        int res = phantoms.resolution();
        float[] ages = new float[count];
        Sex[] sexes = new Sex[count];
        for (int k = 0; k < count; k++) {
            ages[k] = (float) phantoms.ageMonths(firstIndex + k);
            sexes[k] = phantoms.sex(firstIndex + k);
        }
        float[] images =
                load(
                        count,
                        res,
                        "phantoms",
                        progress,
                        k -> phantoms.render(ages[k], sexes[k], firstIndex + k).pixels());
        return AgeDataset.of(images, 1, res, res, ages, sexes);
    }

    /**
     * The labelled images of an RSNA dataset (ages and sexes from its CSV).
     *
     * @param rsna the reader (its resolution is the image size)
     * @param progress show a progress bar while loading
     * @return the dataset, with sex
     * @throws IllegalArgumentException naming the first record without an age (e.g. the test CSV)
     */
    public static AgeDataset rsna(RsnaDataset rsna, boolean progress) {
        List<BoneAgeRecord> records = rsna.records();
        int n = records.size();
        float[] ages = new float[n];
        Sex[] sexes = new Sex[n];
        for (int k = 0; k < n; k++) {
            BoneAgeRecord r = records.get(k);
            if (!r.hasAge()) {
                throw new IllegalArgumentException(
                        "RSNA record "
                                + r.id()
                                + " ("
                                + r.image()
                                + ") has no bone age: only labelled CSVs can train or evaluate");
            }
            ages[k] = (float) r.ageMonths();
            sexes[k] = r.sex();
        }
        int res = rsna.resolution();
        return AgeDataset.of(
                load(n, res, "RSNA images", progress, rsna::load), 1, res, res, ages, sexes);
    }

    /**
     * Any image source with ages (and optionally sexes) supplied by the caller.
     *
     * @param source the images
     * @param ages age of each image in months
     * @param sexes sex of each image, or {@code null}
     * @return the dataset
     */
    public static AgeDataset of(ImageSource source, float[] ages, Sex[] sexes) {
        if (ages.length != source.size()) {
            throw new IllegalArgumentException(
                    "got " + ages.length + " ages for " + source.size() + " images");
        }
        int res = source.resolution();
        return AgeDataset.of(
                load(source.size(), res, "images", false, source::load), 1, res, res, ages, sexes);
    }

    private interface Loader {
        float[] load(int index);
    }

    private static float[] load(int count, int res, String what, boolean progress, Loader loader) {
        int plane = res * res;
        float[] images = new float[Math.multiplyExact(count, plane)];
        AtomicInteger done = new AtomicInteger();
        ProgressBar bar =
                progress
                        ? new ProgressBarBuilder()
                                .setTaskName("loading " + what)
                                .setInitialMax(count)
                                .setStyle(ProgressBarStyle.ASCII)
                                .build()
                        : null;
        try {
            // Each image is rendered/decoded independently (phantoms are seeded per index), so
            // the result does not depend on the order the threads run in.
            IntStream.range(0, count)
                    .parallel()
                    .forEach(
                            k -> {
                                float[] pixels = loader.load(k);
                                if (pixels.length != plane) {
                                    throw new IllegalArgumentException(
                                            what
                                                    + " "
                                                    + k
                                                    + ": expected "
                                                    + plane
                                                    + " pixels, got "
                                                    + pixels.length);
                                }
                                System.arraycopy(pixels, 0, images, k * plane, plane);
                                if (bar != null) {
                                    bar.stepTo(done.incrementAndGet());
                                }
                            });
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        return images;
    }
}
