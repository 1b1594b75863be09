package io.pggan.examples;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.examples.study.StudyRun;
import io.pggan.io.AtomicFiles;
import io.pggan.io.ImageGrid;
import io.pggan.io.Json;
import io.pggan.latent.editing.EditedImage;
import io.pggan.latent.projection.PivotalTuningConfig;
import io.pggan.latent.projection.ProjectionConfig;
import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.msssim.MsSsim;
import io.pggan.model.AgePredictor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The numbers, table and picture of {@link ProjectionAcceptance}. */
final class ProjectionAcceptanceReport {
    private static final org.slf4j.Logger LOG =
            org.slf4j.LoggerFactory.getLogger(ProjectionAcceptance.class);

    private ProjectionAcceptanceReport() {}

    /** One way of editing: the -24 and +24 month images of every target. */
    record EditMode(String name, String description, float[] younger, float[] older) {}

    private static Uint8Images bytes(float[] signed, int count, int r) {
        byte[] b = new byte[signed.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Math.max(0, Math.min(255, (int) Math.rint((signed[i] + 1) * 127.5)));
        }
        return Uint8Images.of(b, count, 1, r, r);
    }

    /** PSNR in dB of two 8-bit images (peak 255). */
    static double psnr(Uint8Images a, int i, Uint8Images b, int j) {
        int size = a.imageSize();
        double se = 0;
        for (int q = 0; q < size; q++) {
            double e = a.at(i * size + q) - b.at(j * size + q);
            se += e * e;
        }
        double mse = se / size;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    static double fraction(boolean[] v) {
        int k = 0;
        for (boolean b : v) {
            k += b ? 1 : 0;
        }
        return (double) k / v.length;
    }

    /** Scores every image, writes summary.json, per_image.csv and examples.png. */
    static void write(
            StudyRun run,
            PivotalTuningConfig tuning,
            Path out,
            NDManager manager,
            ProjectionConfig cfg,
            int n,
            int r,
            float[] originals,
            double[] trueMonths,
            float[] recon,
            List<EditMode> modes,
            List<EditedImage> edits,
            int[][] nnTrain,
            float[] nnTrainImages,
            int[][] nnGs,
            float[] nnGsTopK,
            MultiResolutionStore store,
            int samples,
            double projectSeconds,
            double gsSeconds)
            throws Exception {
        int pix = r * r;
        MsSsim ms = MsSsim.pggan();
        Uint8Images orig8 = bytes(originals, n, r);
        Uint8Images recon8 = bytes(recon, n, r);
        Uint8Images train8 = bytes(nnTrainImages, n, r);
        Uint8Images gsTop8 = bytes(nnGsTopK, n * ProjectionBaselines.TOP_K, r);
        double[] psnrRecon = new double[n];
        double[] psnrTrain = new double[n];
        double[] psnrGs = new double[n];
        double[] ssimRecon = new double[n];
        double[] ssimTrain = new double[n];
        double[] ssimGs = new double[n];
        double[] ssimTrainBest = new double[n];
        double[] ssimGsBest = new double[n];
        float[] gsNearest = new float[n * pix];
        for (int t = 0; t < n; t++) {
            System.arraycopy(
                    nnGsTopK, t * ProjectionBaselines.TOP_K * pix, gsNearest, t * pix, pix);
            psnrRecon[t] = psnr(orig8, t, recon8, t);
            psnrTrain[t] = psnr(orig8, t, train8, t);
            psnrGs[t] = psnr(orig8, t, gsTop8, t * ProjectionBaselines.TOP_K);
            ssimRecon[t] = ms.score(orig8, t, recon8, t);
            ssimTrain[t] = ms.score(orig8, t, train8, t);
            ssimGs[t] = ms.score(orig8, t, gsTop8, t * ProjectionBaselines.TOP_K);
            double bestGs = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < ProjectionBaselines.TOP_K; k++) {
                bestGs =
                        Math.max(
                                bestGs,
                                ms.score(orig8, t, gsTop8, t * ProjectionBaselines.TOP_K + k));
            }
            ssimGsBest[t] = bestGs;
            double bestTrain = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < ProjectionBaselines.TOP_K; k++) {
                Uint8Images one = bytes(store.image(nnTrain[t][k], r), 1, r);
                bestTrain = Math.max(bestTrain, ms.score(orig8, t, one, 0));
            }
            ssimTrainBest[t] = bestTrain;
        }
        boolean[] winsPsnr = new boolean[n];
        boolean[] winsSsim = new boolean[n];
        for (int t = 0; t < n; t++) {
            winsPsnr[t] = psnrRecon[t] > Math.max(psnrTrain[t], psnrGs[t]);
            winsSsim[t] =
                    ssimRecon[t]
                            > Math.max(
                                    Math.max(ssimTrain[t], ssimGs[t]),
                                    Math.max(ssimTrainBest[t], ssimGsBest[t]));
        }

        // the CNN: ages and features of originals and reconstructions
        AgePredictor cnn = run.ageCnn();
        Shape shape = new Shape(n, 1, r, r);
        AgePredictor.Prediction po;
        AgePredictor.Prediction pRecon;
        try (NDManager m = manager.newSubManager()) {
            po = cnn.predictWithFeatures(m.create(originals, shape));
            pRecon = cnn.predictWithFeatures(m.create(recon, shape));
        }
        double[] ageOrig = toDoubles(po.months());
        double[] ageRecon = toDoubles(pRecon.months());
        double[] reconAgeError = new double[n];
        for (int t = 0; t < n; t++) {
            reconAgeError[t] = Math.abs(ageRecon[t] - ageOrig[t]);
        }
        boolean[] ownRecon = closestToOwn(pRecon.features(), po.features());

        ObjectNode s = Json.mapper().createObjectNode();
        s.put("study", run.layout().root().toString());
        s.put("modelId", run.generator().modelId());
        s.put("images", n);
        s.put("heldOutPhantomsFrom", ProjectionAcceptance.HELD_OUT_FROM);
        s.put("gsSamples", samples);
        s.put("trainingImages", store.size());
        s.set("projector", Json.mapper().valueToTree(cfg));
        if (tuning != null) {
            s.set("pivotalTuning", Json.mapper().valueToTree(tuning));
        }
        s.put("projectAndEditSeconds", projectSeconds);
        s.put("gsBaselineSeconds", gsSeconds);
        ObjectNode q = s.putObject("reconstruction");
        q.put("psnrMean", mean(psnrRecon));
        q.put("psnrNearestTrainingMean", mean(psnrTrain));
        q.put("psnrNearestGsMean", mean(psnrGs));
        q.put("msSsimMean", mean(ssimRecon));
        q.put("msSsimNearestTrainingMean", mean(ssimTrain));
        q.put("msSsimNearestGsMean", mean(ssimGs));
        q.put("msSsimBestOfTop20TrainingMean", mean(ssimTrainBest));
        q.put("msSsimBestOfTop20GsMean", mean(ssimGsBest));
        q.put("fractionPsnrBeatsBothBaselines", fraction(winsPsnr));
        q.put("fractionMsSsimBeatsAllBaselines", fraction(winsSsim));
        q.put(
                "pixelMseMean",
                edits.stream().mapToDouble(e -> e.projection().pixelLoss()).average().orElse(0));
        q.put(
                "featureLossMean",
                edits.stream().mapToDouble(e -> e.projection().featureLoss()).average().orElse(0));
        q.put("reconstructionClosestToOwnOriginal", fraction(ownRecon));
        ObjectNode a = s.putObject("age");
        a.put("cnnTestMae", run.cnnTestMae());
        a.put("trueMonthsMean", mean(trueMonths));
        a.put("originalMonthsMean", mean(ageOrig));
        a.put("reconstructionAbsErrorMean", mean(reconAgeError));
        a.put("reconstructionSignedErrorMean", mean(diff(ageRecon, ageOrig)));
        s.set("oracle", ProjectionAcceptance.oracle(run, n, manager));
        ObjectNode acc = s.putObject("acceptance");
        acc.put(
                "reconstructionBeatsBaselinesPsnr",
                mean(psnrRecon) > Math.max(mean(psnrTrain), mean(psnrGs)));
        acc.put(
                "reconstructionBeatsBaselinesMsSsim",
                mean(ssimRecon)
                        > Math.max(
                                Math.max(mean(ssimTrain), mean(ssimGs)),
                                Math.max(mean(ssimTrainBest), mean(ssimGsBest))));
        acc.put("reconstructionAgeWithinCnnTestMae", mean(reconAgeError) <= run.cnnTestMae());

        StringBuilder csv =
                new StringBuilder(
                        "index,true_months,cnn_original,cnn_reconstruction,"
                                + "psnr_reconstruction,psnr_nearest_training,psnr_nearest_gs,"
                                + "msssim_reconstruction,msssim_nearest_training,msssim_nearest_gs,"
                                + "pixel_mse,feature_loss,restart");
        List<double[]> editColumns = new ArrayList<>();
        ObjectNode editsNode = s.putObject("edits");
        for (EditMode mode : modes) {
            AgePredictor.Prediction pOld;
            AgePredictor.Prediction pYoung;
            try (NDManager m = manager.newSubManager()) {
                pOld = cnn.predictWithFeatures(m.create(mode.older(), shape));
                pYoung = cnn.predictWithFeatures(m.create(mode.younger(), shape));
            }
            double[] ageOld = toDoubles(pOld.months());
            double[] ageYoung = toDoubles(pYoung.months());
            double[] gainOld = diff(ageOld, ageRecon);
            double[] gainYoung = diff(ageYoung, ageRecon);
            boolean[] ownOld = closestToOwn(pOld.features(), po.features());
            boolean[] ownYoung = closestToOwn(pYoung.features(), po.features());
            boolean[] ownOldPixels =
                    closestToOwn(rowsOf(mode.older(), n, pix), rowsOf(originals, n, pix));
            ObjectNode e = editsNode.putObject(mode.name());
            e.put("edit", mode.description());
            e.put("plus24GainOverReconstructionMean", mean(gainOld));
            e.put("plus24GainOverOriginalMean", mean(diff(ageOld, ageOrig)));
            e.put("minus24GainOverReconstructionMean", mean(gainYoung));
            e.put("fractionPlus24RaisesAge", fraction(positive(gainOld)));
            e.put("plus24ClosestToOwnOriginal", fraction(ownOld));
            e.put("minus24ClosestToOwnOriginal", fraction(ownYoung));
            e.put("plus24ClosestToOwnOriginalInPixels", fraction(ownOldPixels));
            acc.put(mode.name() + "Plus24RaisesAgeBy12", mean(gainOld) >= 12);
            acc.put(mode.name() + "Plus24IdentityAt80", fraction(ownOld) >= 0.8);
            csv.append(",cnn_minus24_")
                    .append(mode.name())
                    .append(",cnn_plus24_")
                    .append(mode.name())
                    .append(",plus24_own_closest_")
                    .append(mode.name());
            editColumns.add(ageYoung);
            editColumns.add(ageOld);
            double[] own = new double[n];
            for (int t = 0; t < n; t++) {
                own[t] = ownOld[t] ? 1 : 0;
            }
            editColumns.add(own);
        }
        AtomicFiles.writeString(out.resolve("summary.json"), Json.mapper().writeValueAsString(s));
        csv.append('\n');
        for (int t = 0; t < n; t++) {
            EditedImage e = edits.get(t);
            csv.append(
                    String.format(
                            Locale.ROOT,
                            "%d,%.2f,%.2f,%.2f,%.3f,%.3f,%.3f,%.4f,%.4f,%.4f,%.5f,%.5f,%d",
                            t,
                            trueMonths[t],
                            ageOrig[t],
                            ageRecon[t],
                            psnrRecon[t],
                            psnrTrain[t],
                            psnrGs[t],
                            ssimRecon[t],
                            ssimTrain[t],
                            ssimGs[t],
                            e.projection().pixelLoss(),
                            e.projection().featureLoss(),
                            e.projection().restart()));
            for (double[] c : editColumns) {
                csv.append(String.format(Locale.ROOT, ",%.2f", c[t]));
            }
            csv.append('\n');
        }
        AtomicFiles.writeString(out.resolve("per_image.csv"), csv.toString());

        int show = Math.min(n, 10);
        List<float[]> rows = new ArrayList<>(List.of(originals, recon, nnTrainImages, gsNearest));
        for (EditMode mode : modes) {
            rows.add(mode.younger());
            rows.add(mode.older());
        }
        float[] grid = new float[rows.size() * show * pix];
        for (int row = 0; row < rows.size(); row++) {
            System.arraycopy(rows.get(row), 0, grid, row * show * pix, show * pix);
        }
        ImageGrid.write(out.resolve("examples.png"), grid, rows.size() * show, 1, r, r, show);
        LOG.info("projection acceptance written to {}", out);
        System.out.println(Json.mapper().writeValueAsString(s));
    }

    static float[][] rowsOf(float[] flat, int n, int per) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * per, (i + 1) * per);
        }
        return out;
    }

    static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    static double[] diff(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    static boolean[] positive(double[] v) {
        boolean[] out = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] > 0;
        }
        return out;
    }

    /** For each edited image: is its own original the nearest of all originals (features)? */
    static boolean[] closestToOwn(float[][] edited, float[][] originals) {
        boolean[] out = new boolean[edited.length];
        for (int i = 0; i < edited.length; i++) {
            double own = distance(edited[i], originals[i]);
            boolean closest = true;
            for (int j = 0; j < originals.length && closest; j++) {
                if (j != i && distance(edited[i], originals[j]) <= own) {
                    closest = false;
                }
            }
            out[i] = closest;
        }
        return out;
    }

    static double distance(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double e = a[k] - b[k];
            s += e * e;
        }
        return Math.sqrt(s);
    }
}
