package io.pggan.data.phantom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pggan.data.Sex;
import io.pggan.data.phantom.PhantomTruth.Point;
import io.pggan.data.rsna.BoneAgeRecord;
import io.pggan.data.rsna.RsnaDataset;
import io.pggan.io.ImagePng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandPhantomsTest {
    @TempDir Path dir;

    @Test
    void sameSeedGivesByteIdenticalPngsAndAnotherSeedDiffers() throws Exception {
        HandPhantoms a = HandPhantoms.builder().seed(11).resolution(128).build();
        HandPhantoms b = HandPhantoms.builder().seed(11).resolution(128).build();
        HandPhantoms c = HandPhantoms.builder().seed(12).resolution(128).build();
        for (int i = 0; i < 4; i++) {
            Path fa = dir.resolve("a" + i + ".png");
            Path fb = dir.resolve("b" + i + ".png");
            Path fc = dir.resolve("c" + i + ".png");
            ImagePng.write(fa, a.render(i).image());
            ImagePng.write(fb, b.render(i).image());
            ImagePng.write(fc, c.render(i).image());
            assertThat(Files.readAllBytes(fa)).isEqualTo(Files.readAllBytes(fb));
            assertThat(Files.readAllBytes(fa)).isNotEqualTo(Files.readAllBytes(fc));
        }
    }

    @Test
    void pixelsMatchTheImageAndEveryResolutionWorks() {
        for (int res : new int[] {4, 32, 128, 256}) {
            Phantom p =
                    HandPhantoms.builder().seed(1).resolution(res).build().render(120, Sex.MALE, 3);
            assertThat(p.image().getWidth()).isEqualTo(res);
            assertThat(p.pixels()).hasSize(res * res);
            byte[] raw = new byte[res * res];
            p.image().getRaster().getDataElements(0, 0, res, res, raw);
            for (int i = 0; i < raw.length; i++) {
                assertThat(p.pixels()[i]).isEqualTo((raw[i] & 0xFF) / 127.5f - 1f);
            }
        }
        assertThatThrownBy(() -> HandPhantoms.builder().resolution(2048).build())
                .hasMessageContaining("at most 1024");
        assertThatThrownBy(() -> HandPhantoms.builder().resolution(96).build())
                .hasMessageContaining("power of two");
        assertThatThrownBy(() -> HandPhantoms.builder().build().render(0, Sex.MALE, 0))
                .hasMessageContaining("1..228");
    }

    @Test
    void groundTruthFollowsTheOrderOfOssificationAndGirlsMatureEarlier() {
        HandPhantoms p =
                HandPhantoms.builder().seed(5).resolution(64).variation(Variation.NONE).build();
        assertThat(p.render(1, Sex.MALE, 0).truth().ossifiedCarpals()).isEmpty();
        assertThat(p.render(12, Sex.MALE, 0).truth().ossifiedCarpals())
                .containsExactly("capitate", "hamate");
        assertThat(p.render(60, Sex.MALE, 0).truth().ossifiedCarpals())
                .containsExactly("capitate", "hamate", "triquetrum", "lunate");
        assertThat(p.render(180, Sex.MALE, 0).truth().ossifiedCarpals()).hasSize(8);
        // At 4.5 years a girl has more carpals than a boy; at 12 she has the sesamoid, he not.
        assertThat(p.render(54, Sex.FEMALE, 0).truth().ossifiedCarpals().size())
                .isGreaterThan(p.render(54, Sex.MALE, 0).truth().ossifiedCarpals().size());
        assertThat(p.render(144, Sex.FEMALE, 0).truth().sesamoid()).isTrue();
        assertThat(p.render(144, Sex.MALE, 0).truth().sesamoid()).isFalse();
        // Epiphyses: none at birth, all visible in childhood, all fused in adults.
        PhantomTruth baby = p.render(3, Sex.MALE, 0).truth();
        PhantomTruth child = p.render(96, Sex.MALE, 0).truth();
        PhantomTruth adult = p.render(228, Sex.MALE, 0).truth();
        assertThat(baby.epiphysesVisible() + baby.epiphysesFused()).isZero();
        assertThat(child.epiphysesVisible()).isEqualTo(21);
        assertThat(adult.epiphysesFused()).isEqualTo(21);
        assertThat(adult.handLengthMm()).isGreaterThan(2.5 * baby.handLengthMm());
        // Girls fuse their distal phalanges (5) earlier than boys.
        assertThat(p.render(168, Sex.FEMALE, 0).truth().epiphysesFused())
                .isGreaterThan(p.render(168, Sex.MALE, 0).truth().epiphysesFused());
    }

    @Test
    void defaultAgesAndSexesFollowRsna() {
        HandPhantoms p = HandPhantoms.builder().seed(3).build();
        int n = 20000;
        double sum = 0;
        int inRange = 0;
        int male = 0;
        for (int i = 0; i < n; i++) {
            double a = p.ageMonths(i);
            assertThat(a).isBetween(1.0, 228.0).isEqualTo(Math.rint(a));
            sum += a;
            inRange += a >= 96 && a <= 168 ? 1 : 0;
            male += p.sex(i) == Sex.MALE ? 1 : 0;
        }
        assertThat(sum / n).isBetween(123.0, 131.0);
        assertThat(inRange / (double) n).isBetween(0.68, 0.76);
        assertThat(male / (double) n).isBetween(0.52, 0.56);
    }

    /**
     * The age is in the anatomy: the share of the carpal region that is bone, measured from the
     * pixels with a threshold halfway between a soft-tissue and a bone probe, ranks phantoms by
     * age; overall brightness does not.
     */
    @Test
    void ageIsReadableFromAnatomyButNotFromBrightness() {
        HandPhantoms p = HandPhantoms.builder().seed(2024).resolution(256).build();
        int n = 200;
        double[] ages = new double[n];
        double[] carpalBone = new double[n];
        double[] brightness = new double[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(99);
        for (int i = 0; i < n; i++) {
            ages[i] = 1 + r.nextInt(228);
            Sex sex = r.nextBoolean() ? Sex.MALE : Sex.FEMALE;
            Phantom ph = p.render(ages[i], sex, i);
            carpalBone[i] = carpalBoneFraction(ph);
            brightness[i] = mean(ph.pixels());
        }
        double rhoAnatomy = spearman(ages, carpalBone);
        double rhoBrightness = spearman(ages, brightness);
        System.out.printf(
                "phantom age signal: Spearman(age, carpal bone fraction) = %.3f,"
                        + " Spearman(age, mean brightness) = %.3f (n = %d, 256 px)%n",
                rhoAnatomy, rhoBrightness, n);
        assertThat(rhoAnatomy).isGreaterThan(0.9);
        assertThat(Math.abs(rhoBrightness)).isLessThan(0.3);
    }

    /** Share of the wrist region brighter than halfway between soft tissue and bone. */
    static double carpalBoneFraction(Phantom ph) {
        int res = ph.image().getWidth();
        float[] px = ph.pixels();
        PhantomTruth t = ph.truth();
        double soft = median3(px, res, t.softTissueProbe());
        double bone = median3(px, res, t.boneProbe());
        double threshold = (soft + bone) / 2;
        int grid = 48;
        int above = 0;
        int total = 0;
        for (int j = 0; j < grid; j++) {
            for (int i = 0; i < grid; i++) {
                Point q = t.wrist().at((i + 0.5) / grid, (j + 0.5) / grid);
                if (q.x() < 0 || q.y() < 0 || q.x() > res - 1 || q.y() > res - 1) {
                    continue;
                }
                total++;
                if (bilinear(px, res, q.x(), q.y()) > threshold) {
                    above++;
                }
            }
        }
        return total == 0 ? 0 : above / (double) total;
    }

    private static double median3(float[] px, int res, Point p) {
        int cx = (int) Math.round(p.x());
        int cy = (int) Math.round(p.y());
        double[] v = new double[9];
        int k = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int x = Math.max(0, Math.min(res - 1, cx + dx));
                int y = Math.max(0, Math.min(res - 1, cy + dy));
                v[k++] = px[y * res + x];
            }
        }
        Arrays.sort(v);
        return v[4];
    }

    private static double bilinear(float[] px, int res, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int x1 = Math.min(res - 1, x0 + 1);
        int y1 = Math.min(res - 1, y0 + 1);
        double fx = x - x0;
        double fy = y - y0;
        return (1 - fy) * ((1 - fx) * px[y0 * res + x0] + fx * px[y0 * res + x1])
                + fy * ((1 - fx) * px[y1 * res + x0] + fx * px[y1 * res + x1]);
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double ma = mean(ra);
        double mb = mean(rb);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(0);
    }

    /** Average ranks (ties share their mean rank). */
    private static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(v[x], v[y]));
        double[] r = new double[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                r[idx[k]] = (i + j) / 2.0 + 1;
            }
            i = j + 1;
        }
        return r;
    }

    @Test
    void spearmanOfKnownData() {
        assertThat(spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40}))
                .isEqualTo(1.0);
        assertThat(spearman(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1})).isEqualTo(-1.0);
        assertThat(spearman(new double[] {1, 2, 3}, new double[] {1, 1, 2}))
                .isCloseTo(0.866, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void writesTheRsnaTrainingLayoutThatTheReaderReads() throws Exception {
        HandPhantoms p = HandPhantoms.builder().seed(8).resolution(64).build();
        Path csv =
                PhantomDatasetWriter.builder()
                        .phantoms(p)
                        .count(12)
                        .firstId(1000)
                        .threads(2)
                        .progress(false)
                        .build()
                        .write(dir);
        assertThat(csv.getFileName().toString()).isEqualTo("boneage-training-dataset.csv");
        RsnaDataset ds = RsnaDataset.builder().root(dir).resolution(64).build();
        assertThat(ds.size()).isEqualTo(12);
        List<BoneAgeRecord> recs = ds.records();
        for (int i = 0; i < 12; i++) {
            assertThat(recs.get(i).id()).isEqualTo(Integer.toString(1000 + i));
            assertThat(recs.get(i).ageMonths()).isEqualTo(p.ageMonths(i));
            assertThat(recs.get(i).sex()).isEqualTo(p.sex(i));
            assertThat(ds.load(i)).containsExactly(p.render(i).pixels());
        }
        try (var s = Files.list(dir.resolve("boneage-training-dataset"))) {
            assertThat(s.filter(f -> f.getFileName().toString().startsWith(".tmp")).count())
                    .isZero();
        }
        assertThat(Files.readString(dir.resolve("phantoms.json"))).contains("\"seed\" : 8");
        List<String> truth = Files.readAllLines(dir.resolve(PhantomDatasetWriter.TRUTH_CSV));
        assertThat(truth).hasSize(13);
        assertThat(truth.get(0)).startsWith("id,boneage,male,hand_length_mm");
        String[] row = truth.get(4).split(",");
        PhantomTruth t = p.render(3).truth();
        assertThat(row[0]).isEqualTo("1003");
        assertThat(Integer.parseInt(row[6])).isEqualTo(t.ossifiedCarpals().size());
        assertThat(row[10]).isEqualTo(String.valueOf(t.marker()));
    }

    @Test
    void settingsSerialiseToReadableJson() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json =
                new com.fasterxml.jackson.databind.ObjectMapper();
        HandPhantoms p =
                HandPhantoms.builder().seed(77).resolution(64).variation(Variation.NONE).build();
        String text = json.writeValueAsString(p);
        assertThat(text).contains("\"seed\":77").contains("\"resolution\":64").contains("NONE");
        HandPhantoms back = json.readValue(text, HandPhantoms.class);
        assertThat(back.render(100, Sex.MALE, 2).pixels())
                .containsExactly(p.render(100, Sex.MALE, 2).pixels());
    }

    @Test
    void aFailedWriteLeavesNoCsv() throws Exception {
        // The image folder's name is taken by a file, so no image can be written.
        Files.writeString(dir.resolve(PhantomDatasetWriter.IMAGE_FOLDER), "in the way");
        PhantomDatasetWriter w =
                PhantomDatasetWriter.builder()
                        .phantoms(HandPhantoms.builder().resolution(32).build())
                        .count(3)
                        .progress(false)
                        .build();
        assertThatThrownBy(() -> w.write(dir))
                .hasMessageContaining(PhantomDatasetWriter.IMAGE_FOLDER);
        assertThat(Files.exists(dir.resolve("boneage-training-dataset.csv"))).isFalse();
    }

    @Test
    void contactSheetHasARowPerSexAndAge() {
        HandPhantoms p = HandPhantoms.builder().seed(1).resolution(32).build();
        java.awt.image.BufferedImage sheet = ContactSheet.render(p, 9, 0, 1);
        assertThat(sheet.getWidth()).isEqualTo(9 * 32);
        assertThat(sheet.getHeight()).isEqualTo(4 * (32 + 22));
    }
}
