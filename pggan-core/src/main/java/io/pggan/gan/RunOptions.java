package io.pggan.gan;

/**
 * How a run is carried out: its seed, the reals' mirroring, devices, checkpoints, snapshots, when
 * to give up on non-finite losses, and the console.
 *
 * @param seed seed of weights and of every random draw of training
 * @param mirror random horizontal flips of the reals (false)
 * @param replicas data-parallel replicas; 0 = one per device DJL sees
 * @param checkpointIntervalKimg kimg between checkpoints
 * @param imageSnapshotTicks ticks between fakes grids; 0 = none
 * @param maxNonFiniteIterations consecutive non-finite iterations that stop training
 * @param progressBar show a console progress bar while training
 */
public record RunOptions(
        long seed,
        boolean mirror,
        int replicas,
        double checkpointIntervalKimg,
        int imageSnapshotTicks,
        int maxNonFiniteIterations,
        boolean progressBar) {

    /** Validates every field; messages name it as {@code run.<field>}. */
    public RunOptions {
        ConfigChecks.require(replicas >= 0, "run.replicas", ">= 0", replicas);
        ConfigChecks.require(
                checkpointIntervalKimg > 0,
                "run.checkpointIntervalKimg",
                "> 0",
                checkpointIntervalKimg);
        ConfigChecks.require(
                imageSnapshotTicks >= 0, "run.imageSnapshotTicks", ">= 0", imageSnapshotTicks);
        ConfigChecks.require(
                maxNonFiniteIterations >= 1,
                "run.maxNonFiniteIterations",
                "at least 1",
                maxNonFiniteIterations);
    }

    /** The defaults: seed 1000, no mirroring, every device, a checkpoint every 100 kimg. */
    public static RunOptions defaults() {
        return new RunOptions(1000, false, 0, 100, 1, 20, true);
    }
}
