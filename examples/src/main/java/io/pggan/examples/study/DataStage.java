package io.pggan.examples.study;

import io.pggan.data.ImageSource;
import io.pggan.data.phantom.ContactSheet;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.data.rsna.BoneAgeRecord;
import io.pggan.data.rsna.RsnaDataset;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.io.ImageGrid;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training images in a multi-resolution store and their ages: hand phantoms made on the fly
 * (with a contact sheet a person can read), or the RSNA training split.
 */
public final class DataStage implements Stage {
    @Override
    public String name() {
        return "data";
    }

    @Override
    public void run(StudyContext study) throws Exception {
        StudyPlan plan = study.plan();
        RunLayout layout = study.layout();
        int res = study.resolution();
        ImageSource source;
        float[] ages;
        String[] sexes;
        if (plan.data().rsna() == null) {
            HandPhantoms p = study.phantoms();
            // The phantoms at a size a person can read: ages 1 to 18 years, boys and girls.
            ContactSheet.write(
                    layout.contactSheet(),
                    HandPhantoms.builder().seed(plan.seed()).resolution(256).build());
            int n = plan.data().size();
            source = p.asSource(n);
            ages = new float[n];
            sexes = new String[n];
            for (int i = 0; i < n; i++) {
                ages[i] = (float) p.ageMonths(i);
                sexes[i] = p.sex(i).name();
            }
        } else {
            RsnaDataset train = StudyContext.first(study.rsnaSplit().train(), plan.data().size());
            source = train;
            int n = train.size();
            ages = new float[n];
            sexes = new String[n];
            for (int i = 0; i < n; i++) {
                BoneAgeRecord r = train.record(i);
                ages[i] = (float) r.ageMonths();
                sexes[i] = r.sex().name();
            }
        }
        Path storeDir = layout.store();
        try (MultiResolutionStore store =
                Files.isRegularFile(storeDir.resolve(MultiResolutionStore.HEADER))
                        ? MultiResolutionStore.open(storeDir, false)
                        : MultiResolutionStore.builder()
                                .source(source)
                                .folder(storeDir)
                                .progress(true)
                                .build()) {
            int show = Math.min(32, store.size());
            float[] grid = new float[show * res * res];
            for (int i = 0; i < show; i++) {
                System.arraycopy(store.image(i, res), 0, grid, i * res * res, res * res);
            }
            ImageGrid.write(layout.realsGrid(), grid, show, 1, res, res, 8);
        }
        new TrainingLabels(ages, sexes).write(layout.trainingLabels());
    }
}
