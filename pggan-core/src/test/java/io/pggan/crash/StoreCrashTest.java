package io.pggan.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.pggan.data.DataException;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.fuzz.StoreFixture;
import io.pggan.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a store rebuilt in place (40 images replaced by 60) by a process killed at random
 * moments, most of them while its level files are being renamed, is afterwards always either the
 * old store, the new one, or no store ("store header does not exist"): never an old header over new
 * level files. A final rebuild finishes and leaves no temporary file.
 */
class StoreCrashTest {
    static final String DELAY = AtomicFiles.RENAME_DELAY_PROPERTY + "=40";

    /** What the folder holds now: "old", "new" or "none"; fails on anything else. */
    static String state(Path folder, float[] old1, float[] new1) {
        try (MultiResolutionStore s = MultiResolutionStore.open(folder, false)) {
            float[] img = s.image(1, 32);
            if (s.size() == 40 && java.util.Arrays.equals(img, old1)) {
                return "old";
            }
            if (s.size() == 60 && java.util.Arrays.equals(img, new1)) {
                return "new";
            }
            throw new AssertionError("a mixed store: " + s.size() + " images");
        } catch (DataException e) {
            assertThat(e.getMessage()).contains("store header does not exist");
            return "none";
        }
    }

    @Test
    void aKilledRebuildLeavesTheOldStoreTheNewOneOrNone(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("store");
        Path refOld = dir.resolve("old");
        Path refNew = dir.resolve("new");
        for (Path p : List.of(folder, refOld)) {
            MultiResolutionStore.builder()
                    .source(StoreFixture.ramps(40, 32))
                    .folder(p)
                    .progress(false)
                    .build()
                    .close();
        }
        MultiResolutionStore.builder()
                .source(StoreFixture.ramps(60, 32))
                .folder(refNew)
                .progress(false)
                .build()
                .close();
        float[] old1;
        float[] new1;
        try (MultiResolutionStore o = MultiResolutionStore.open(refOld, false);
                MultiResolutionStore n = MultiResolutionStore.open(refNew, false)) {
            old1 = o.image(1, 32);
            new1 = n.image(1, 32);
        }
        Random random = new Random(15);
        List<String> seen = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            try (ChildJvm child =
                    ChildJvm.start(StoreChild.class, List.of(DELAY), folder.toString(), "60")) {
                assertThat(child.awaitLine("STARTED", 60_000)).as(child.output()).isNotNull();
                if (k % 2 == 0) {
                    // once the first level (4x4: 16 bytes an image) is renamed into place, the
                    // three others follow 40 ms apart, then the header: kill in there
                    Path first = folder.resolve("r02.bin");
                    long end = System.currentTimeMillis() + 30_000;
                    while (java.nio.file.Files.size(first) != 60 * 16
                            && System.currentTimeMillis() < end) {
                        Thread.sleep(1);
                    }
                    Thread.sleep(random.nextInt(100));
                } else {
                    Thread.sleep(random.nextInt(300));
                }
                child.kill();
            }
            seen.add(state(folder, old1, new1));
            if (seen.get(k).equals("new")) {
                // the kill came too late: start again from the old store
                MultiResolutionStore.builder()
                        .source(StoreFixture.ramps(40, 32))
                        .folder(folder)
                        .progress(false)
                        .build()
                        .close();
            }
        }
        try (ChildJvm last =
                ChildJvm.start(StoreChild.class, List.of(DELAY), folder.toString(), "60")) {
            assertThat(last.awaitExit(60_000)).as(last.output()).isZero();
        }
        assertThat(state(folder, old1, new1)).as("after %s", seen).isEqualTo("new");
        assertThat(TrainingCrashTest.temps(folder)).isEmpty();
        System.out.println("StoreCrashTest: " + seen);
    }
}
