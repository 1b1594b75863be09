package io.pggan.gan;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pggan.data.labels.LabelSpec;
import io.pggan.gan.network.Architecture;
import io.pggan.gan.training.TrainingSchedule;

/**
 * Everything that defines a PGGAN run, as an immutable value grouped as the official {@code
 * config.py} groups it: the networks, the loss, the optimizers, the progressive schedule and the
 * run's options. It reads and writes as a JSON document a person can edit ({@link #toJson()}, with
 * a {@code version} field; files written before the grouping load too, see {@link
 * #fromJson(String)}). Defaults are the official ones (1024x1024 grayscale, 12,000 kimg); see
 * {@link #builder()}, {@link #cpuPreset(int)} and {@link #official()}.
 *
 * @param architecture network sizes (resolution, channels, latent, feature maps, minibatch stddev)
 * @param loss WGAN-GP weights
 * @param optimizer Adam, the Gs moving average and the gradient guard
 * @param schedule progressive schedule
 * @param run seed, mirroring, devices, checkpoints, snapshots, progress bar
 * @param labels what a conditional model is conditioned on (age, sex); null for the unconditional
 *     model, which writes no {@code labels} field, so unconditional documents are unchanged
 */
public record PgganConfig(
        Architecture architecture,
        LossConfig loss,
        OptimizerConfig optimizer,
        TrainingSchedule schedule,
        RunOptions run,
        @JsonInclude(JsonInclude.Include.NON_NULL) LabelSpec labels) {

    /** Version of the JSON document {@link #toJson()} writes. */
    public static final int VERSION = 2;

    /**
     * The official networks: 1024x1024 grayscale, latent 512, feature maps 8192 / 2^stage <= 512.
     */
    static final Architecture OFFICIAL_ARCHITECTURE =
            new Architecture(1024, 1, 512, 8192, 1.0, 512, 4, true, true);

    /** Validates the groups and the fields that depend on each other; messages name the field. */
    public PgganConfig {
        ConfigChecks.require(architecture != null, "architecture", "present", "null");
        ConfigChecks.require(loss != null, "loss", "present", "null");
        ConfigChecks.require(optimizer != null, "optimizer", "present", "null");
        ConfigChecks.require(schedule != null, "schedule", "present", "null");
        ConfigChecks.require(run != null, "run", "present", "null");
        ConfigChecks.architecture(architecture);
        ConfigChecks.schedule(schedule, architecture.resolution());
    }

    /** An unconditional configuration. */
    public PgganConfig(
            Architecture architecture,
            LossConfig loss,
            OptimizerConfig optimizer,
            TrainingSchedule schedule,
            RunOptions run) {
        this(architecture, loss, optimizer, schedule, run, null);
    }

    /** Length of the label vector: 0 for an unconditional model. */
    public int labelSize() {
        return labels == null ? 0 : labels.size();
    }

    /** Whether the model is conditioned on labels. */
    public boolean conditional() {
        return labels != null;
    }

    /** The full official configuration: 1024x1024 grayscale, latent 512, 12,000 kimg. */
    public static PgganConfig official() {
        return builder().build();
    }

    /**
     * A small configuration that trains on a 2-core CPU: fmapMax 64, latent 64, minibatch 16, 30
     * kimg per phase.
     *
     * @param resolution final resolution (32 or 64 are sensible)
     */
    public static PgganConfig cpuPreset(int resolution) {
        int levels = Integer.numberOfTrailingZeros(resolution) - 1;
        double phase = 30;
        return builder()
                .resolution(resolution)
                .fmapMax(64)
                .latentDim(64)
                .schedule(TrainingSchedule.shortRun(phase, phase * (2 * levels - 1), 16))
                .checkpointIntervalKimg(10)
                .build();
    }

    /** A builder starting from the official defaults. */
    public static PgganConfigBuilder builder() {
        return new PgganConfigBuilder();
    }

    /** A builder starting from this configuration. */
    public PgganConfigBuilder toBuilder() {
        return new PgganConfigBuilder(this);
    }

    /** This configuration as indented JSON, grouped, with {@code "version": 2} first. */
    public String toJson() {
        return ConfigDocument.write(this);
    }

    /**
     * Reads a configuration; fields left out take the official defaults, unknown fields are
     * refused. A document without {@code version} whose fields are the flat ones of version 1 (what
     * checkpoints and plans written before the grouping hold) is migrated field by field; a version
     * this library does not know is refused with a message naming it.
     *
     * @param json the document
     * @return the validated configuration
     * @throws IllegalArgumentException naming the bad field or the unknown version
     */
    public static PgganConfig fromJson(String json) {
        return ConfigDocument.read(json);
    }
}
