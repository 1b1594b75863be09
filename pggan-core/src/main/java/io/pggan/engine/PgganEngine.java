package io.pggan.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that starts DJL's PyTorch engine for this library.
 *
 * <p>It forces offline mode before DJL looks at the network (the native library comes out of the
 * {@code pytorch-native-*} jar on the class path, and nothing is downloaded), asks libtorch's
 * OpenMP not to spin-wait ({@link OpenMpWaiting}; values you export yourself win), sets PyTorch's
 * thread counts, keeps freed tensor memory in the process ({@link NativeMemory}; off with {@code
 * -Dpggan.keepFreedMemory=false}), picks the best device and logs a single line saying what it
 * found. Call {@link #start()} (or {@link #start(int)}) before anything else touches DJL; later
 * calls return the same state.
 */
public final class PgganEngine {
    private static final Logger LOG = LoggerFactory.getLogger(PgganEngine.class);
    private static volatile PgganEngine instance;

    private final Engine engine;
    private final Device device;
    private final int threads;

    private PgganEngine(Engine engine, Device device, int threads) {
        this.engine = engine;
        this.device = device;
        this.threads = threads;
    }

    /** Starts the engine with one intra-op thread per available processor. */
    public static PgganEngine start() {
        return start(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Starts the engine with the given number of intra-op threads (used only on the first call:
     * PyTorch fixes its thread pools once).
     *
     * @param threads intra-op threads for PyTorch, at least 1
     * @return the started engine
     */
    public static PgganEngine start(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        PgganEngine local = instance;
        if (local != null) {
            return local;
        }
        synchronized (PgganEngine.class) {
            if (instance == null) {
                instance = boot(threads);
            }
            return instance;
        }
    }

    private static PgganEngine boot(int threads) {
        // before libtorch initialises OpenMP, which reads the two variables once
        boolean passive = OpenMpWaiting.preferPassive();
        // Offline: DJL then loads the native library from the jar and never fetches one.
        System.setProperty("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        // DJL's own usage telemetry is off; there is no network to send it to anyway.
        setIfAbsent("OPT_OUT_TRACKING", "true");
        if (Boolean.parseBoolean(System.getProperty("pggan.keepFreedMemory", "true"))) {
            NativeMemory.keepFreedMemory();
        }
        Engine engine = Engine.getEngine("PyTorch");
        Device device = engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        PgganEngine started = new PgganEngine(engine, device, threads);
        LOG.info(
                "DJL {} / PyTorch {} on {} ({} GPU(s) visible, {} thread(s), OpenMP {})",
                Engine.getDjlVersion(),
                engine.getVersion(),
                device,
                engine.getGpuCount(),
                threads,
                passive ? "passive" : "as configured");
        return started;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The PyTorch engine. */
    public Engine engine() {
        return engine;
    }

    /** The best device: the first GPU when one is visible, else the CPU. */
    public Device device() {
        return device;
    }

    /** Every device training may use: all visible GPUs, else the CPU alone. */
    public Device[] devices() {
        return engine.getDevices();
    }

    /** Intra-op threads PyTorch was started with. */
    public int threads() {
        return threads;
    }
}
