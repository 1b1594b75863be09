package io.pggan.agecnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pggan.agecnn.training.Augmentation;
import io.pggan.agecnn.training.EarlyStopping;
import io.pggan.agecnn.training.TimeLimit;
import io.pggan.agecnn.training.TrainingStopped;
import io.pggan.engine.PgganEngine;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Training stops the DJL way: a listener throws {@link TrainingStopped}. */
class StoppingListenersTest {
    @BeforeAll
    static void engine() {
        PgganEngine.start(1);
    }

    private static EpochResult epoch(int n, boolean best) {
        return new EpochResult(n, 10, 12, 1e-3, 1, best);
    }

    @Test
    void earlyStoppingCountsEpochsSinceTheBest() {
        EarlyStopping stop = new EarlyStopping(2);
        stop.onEpochEnd(epoch(1, true));
        stop.onEpochEnd(epoch(2, false));
        stop.onEpochEnd(epoch(3, true));
        stop.onEpochEnd(epoch(4, false));
        assertThatThrownBy(() -> stop.onEpochEnd(epoch(5, false)))
                .isInstanceOf(TrainingStopped.class)
                .hasMessageContaining("after epoch 5")
                .hasMessageContaining("for 2 epochs");
        EarlyStopping never = new EarlyStopping(0);
        for (int e = 1; e < 10; e++) {
            never.onEpochEnd(epoch(e, false));
        }
        assertThatThrownBy(() -> new EarlyStopping(-1)).hasMessageContaining("patience");
    }

    @Test
    void timeLimitStopsOnlyPastItsBudget() {
        new TimeLimit(0).onEpochEnd(epoch(1, true));
        new TimeLimit(60).onEpochEnd(epoch(1, true));
        assertThatThrownBy(() -> new TimeLimit(1e-9).onEpochEnd(epoch(3, true)))
                .isInstanceOf(TrainingStopped.class)
                .hasMessageContaining("after epoch 3");
    }

    @Test
    void aCallersListenerStopsFitAndTheBestEpochIsKept() {
        AgeDataset train = SyntheticAges.make(32, 72, 1, false, 1);
        AgeDataset validation = SyntheticAges.make(16, 72, 1, false, 2);
        try (AgeRegressor model =
                AgeRegressor.builder()
                        .widthMultiplier(0.0625)
                        .hiddenUnits(16)
                        .batchSize(16)
                        .useSex(false)
                        .epochs(5)
                        .patience(0)
                        .augmentation(Augmentation.none())
                        .progressBar(false)
                        .build()) {
            TrainingHistory h =
                    model.fit(
                            train,
                            validation,
                            List.of(
                                    e -> {
                                        if (e.epoch() == 2) {
                                            throw new TrainingStopped("enough");
                                        }
                                    }));
            assertThat(h.epochs()).hasSize(2);
            assertThat(h.stoppedEarly()).isTrue();
            assertThat(h.bestEpoch()).isBetween(1, 2);
        }
    }
}
