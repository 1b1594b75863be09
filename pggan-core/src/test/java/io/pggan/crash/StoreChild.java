package io.pggan.crash;

import io.pggan.data.store.MultiResolutionStore;
import io.pggan.fuzz.StoreFixture;
import java.nio.file.Path;

/** The process the store crash test kills: builds a store of {@code count} ramps in a folder. */
public final class StoreChild {
    private StoreChild() {}

    public static void main(String[] args) {
        int count = Integer.parseInt(args[1]);
        System.out.println("STARTED");
        System.out.flush();
        MultiResolutionStore.builder()
                .source(StoreFixture.ramps(count, 32))
                .folder(Path.of(args[0]))
                .threads(1)
                .progress(false)
                .build()
                .close();
        System.out.println("DONE");
    }
}
