package io.pggan.gan.training;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;
import java.util.TreeMap;

/**
 * The official progressive schedule ({@code TrainingSchedule} of the official {@code train.py}):
 * stabilise for {@code stabilizeKimg}, fade the next resolution in over {@code fadeKimg}, repeat;
 * minibatch size and learning rate per resolution, and a tick length per resolution.
 *
 * @param lodInitialResolution first resolution trained (4)
 * @param stabilizeKimg thousands of real images per stable phase (600)
 * @param fadeKimg thousands of real images per fade-in (600)
 * @param totalKimg length of the run in thousands of real images (12000)
 * @param minibatchBase minibatch for resolutions not in {@code minibatch}
 * @param minibatch minibatch per resolution
 * @param learningRateBase learning rate of G and D for resolutions not in the maps
 * @param gLearningRate G learning rate per resolution
 * @param dLearningRate D learning rate per resolution
 * @param tickKimg tick length per resolution (snapshots and progress lines come per tick)
 * @param tickKimgBase tick length for resolutions not in {@code tickKimg}
 * @param minibatchRepeats iterations between re-evaluations of the schedule (4)
 */
public record TrainingSchedule(
        int lodInitialResolution,
        double stabilizeKimg,
        double fadeKimg,
        double totalKimg,
        int minibatchBase,
        Map<Integer, Integer> minibatch,
        double learningRateBase,
        Map<Integer, Double> gLearningRate,
        Map<Integer, Double> dLearningRate,
        Map<Integer, Double> tickKimg,
        double tickKimgBase,
        int minibatchRepeats) {

    /** Copies the maps so the schedule stays immutable. */
    public TrainingSchedule {
        minibatch = Map.copyOf(minibatch == null ? Map.of() : minibatch);
        gLearningRate = Map.copyOf(gLearningRate == null ? Map.of() : gLearningRate);
        dLearningRate = Map.copyOf(dLearningRate == null ? Map.of() : dLearningRate);
        tickKimg = Map.copyOf(tickKimg == null ? Map.of() : tickKimg);
    }

    /** The shipped 1-GPU configuration ({@code preset-v2-1gpu}, fp32), 12,000 kimg. */
    public static TrainingSchedule official() {
        Map<Integer, Integer> mb = new TreeMap<>();
        int[][] pairs = {
            {4, 128}, {8, 128}, {16, 128}, {32, 64}, {64, 32}, {128, 16}, {256, 8}, {512, 4}
        };
        for (int[] p : pairs) {
            mb.put(p[0], p[1]);
        }
        Map<Integer, Double> ticks = new TreeMap<>();
        double[] tk = {160, 140, 120, 100, 80, 60, 40, 20, 10};
        for (int i = 0; i < tk.length; i++) {
            ticks.put(4 << i, tk[i]);
        }
        return new TrainingSchedule(
                4,
                600,
                600,
                12000,
                4,
                mb,
                0.001,
                Map.of(1024, 0.0015),
                Map.of(1024, 0.0015),
                ticks,
                160,
                4);
    }

    /**
     * A short schedule for CPU runs: the official shape with shorter phases, a fixed minibatch and
     * a fixed learning rate.
     *
     * @param phaseKimg kimg per stable phase and per fade-in
     * @param totalKimg run length
     * @param minibatch minibatch at every resolution
     */
    public static TrainingSchedule shortRun(double phaseKimg, double totalKimg, int minibatch) {
        return new TrainingSchedule(
                4,
                phaseKimg,
                phaseKimg,
                totalKimg,
                minibatch,
                Map.of(),
                0.001,
                Map.of(),
                Map.of(),
                Map.of(),
                Math.max(phaseKimg / 4, 0.001),
                4);
    }

    /** This schedule with another learning rate for G and D where the maps give none. */
    public TrainingSchedule withLearningRate(double lr) {
        return new TrainingSchedule(
                lodInitialResolution,
                stabilizeKimg,
                fadeKimg,
                totalKimg,
                minibatchBase,
                minibatch,
                lr,
                gLearningRate,
                dLearningRate,
                tickKimg,
                tickKimgBase,
                minibatchRepeats);
    }

    /**
     * This schedule starting at another resolution (the official {@code lod_initial_resolution}).
     */
    public TrainingSchedule withInitialResolution(int resolution) {
        return new TrainingSchedule(
                resolution,
                stabilizeKimg,
                fadeKimg,
                totalKimg,
                minibatchBase,
                minibatch,
                learningRateBase,
                gLearningRate,
                dLearningRate,
                tickKimg,
                tickKimgBase,
                minibatchRepeats);
    }

    /** The point of the schedule reached after some real images. */
    public record Position(
            double lod,
            int resolution,
            float alpha,
            boolean fadeIn,
            int minibatch,
            double gLr,
            double dLr,
            double tickKimg) {}

    /**
     * Evaluates the schedule.
     *
     * @param kimg thousands of real images shown so far
     * @param finalResolution the networks' final resolution
     * @param replicas data-parallel replicas (the minibatch is rounded down to a multiple)
     * @return lod, resolution, alpha, minibatch, learning rates and tick length
     */
    public Position at(double kimg, int finalResolution, int replicas) {
        int log2 = Integer.numberOfTrailingZeros(finalResolution);
        double phaseDur = stabilizeKimg + fadeKimg;
        double phaseIdx = phaseDur > 0 ? Math.floor(kimg / phaseDur) : 0;
        double phaseKimg = kimg - phaseIdx * phaseDur;
        double lod = log2 - Integer.numberOfTrailingZeros(lodInitialResolution);
        lod -= phaseIdx;
        if (fadeKimg > 0) {
            lod -= Math.max(phaseKimg - stabilizeKimg, 0.0) / fadeKimg;
        }
        lod = Math.max(lod, 0.0);
        int res = 1 << (log2 - (int) Math.floor(lod));
        float alpha = (float) (1.0 - (lod - Math.floor(lod)));
        int mb = minibatch.getOrDefault(res, minibatchBase);
        mb = Math.max(mb / replicas * replicas, replicas);
        return new Position(
                lod,
                res,
                alpha,
                alpha < 1f,
                mb,
                gLearningRate.getOrDefault(res, learningRateBase),
                dLearningRate.getOrDefault(res, learningRateBase),
                tickKimg.getOrDefault(res, tickKimgBase));
    }

    /** Total length in real images. */
    @JsonIgnore
    public long totalImages() {
        return Math.round(totalKimg * 1000);
    }
}
