package io.pggan.gan;

import io.pggan.gan.network.Architecture;
import io.pggan.gan.training.TrainingSchedule;
import java.util.Map;

/** Field checks of the configuration groups; every message names the field as it is in JSON. */
final class ConfigChecks {
    private ConfigChecks() {}

    static void architecture(Architecture a) {
        int resolution = a.resolution();
        require(
                resolution >= 4 && resolution <= 1024 && Integer.bitCount(resolution) == 1,
                "architecture.resolution",
                "a power of two from 4 to 1024",
                resolution);
        require(
                a.channels() == 1 || a.channels() == 3,
                "architecture.channels",
                "1 or 3",
                a.channels());
        require(a.latentDim() >= 1, "architecture.latentDim", "at least 1", a.latentDim());
        require(a.fmapBase() >= 1, "architecture.fmapBase", "at least 1", a.fmapBase());
        require(
                a.fmapDecay() >= 0 && Double.isFinite(a.fmapDecay()),
                "architecture.fmapDecay",
                "finite and >= 0",
                a.fmapDecay());
        require(a.fmapMax() >= 1, "architecture.fmapMax", "at least 1", a.fmapMax());
        require(
                a.mbstdGroupSize() >= 0,
                "architecture.mbstdGroupSize",
                "at least 0",
                a.mbstdGroupSize());
    }

    static void schedule(TrainingSchedule s, int resolution) {
        int r0 = s.lodInitialResolution();
        require(
                r0 >= 4 && r0 <= resolution && Integer.bitCount(r0) == 1,
                "schedule.lodInitialResolution",
                "a power of two from 4 to resolution " + resolution,
                r0);
        require(s.stabilizeKimg() >= 0, "schedule.stabilizeKimg", ">= 0", s.stabilizeKimg());
        require(s.fadeKimg() >= 0, "schedule.fadeKimg", ">= 0", s.fadeKimg());
        require(s.totalKimg() > 0, "schedule.totalKimg", "> 0", s.totalKimg());
        require(s.minibatchBase() >= 1, "schedule.minibatchBase", "at least 1", s.minibatchBase());
        for (Map.Entry<Integer, Integer> e : s.minibatch().entrySet()) {
            require(
                    e.getValue() >= 1,
                    "schedule.minibatch." + e.getKey(),
                    "at least 1",
                    e.getValue());
        }
        require(s.learningRateBase() > 0, "schedule.learningRateBase", "> 0", s.learningRateBase());
        for (Map.Entry<Integer, Double> e : s.gLearningRate().entrySet()) {
            require(e.getValue() > 0, "schedule.gLearningRate." + e.getKey(), "> 0", e.getValue());
        }
        for (Map.Entry<Integer, Double> e : s.dLearningRate().entrySet()) {
            require(e.getValue() > 0, "schedule.dLearningRate." + e.getKey(), "> 0", e.getValue());
        }
        require(s.tickKimgBase() > 0, "schedule.tickKimgBase", "> 0", s.tickKimgBase());
        require(
                s.minibatchRepeats() >= 1,
                "schedule.minibatchRepeats",
                "at least 1",
                s.minibatchRepeats());
    }

    static void require(boolean ok, String field, String what, Object got) {
        if (!ok) {
            throw new IllegalArgumentException(field + " must be " + what + ", got " + got);
        }
    }
}
