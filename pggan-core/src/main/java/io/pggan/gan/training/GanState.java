package io.pggan.gan.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.network.Discriminator;
import io.pggan.gan.network.Generator;
import io.pggan.gan.network.NetworkParameters;
import io.pggan.gan.network.ProgressiveNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a PGGAN run owns: the training generator G, the critic D, the moving-average generator
 * Gs, both Adam states and the counters. Closing it frees every array.
 */
public final class GanState implements AutoCloseable {
    private final PgganConfig config;
    private final NDManager manager;
    private final Generator g;
    private final Discriminator d;
    private final Generator gs;
    private final AdamOptimizer adamG;
    private final AdamOptimizer adamD;
    private TrainingCounters counters = new TrainingCounters();

    /**
     * Fresh networks: G from the seed, D from seed + 1, Gs a copy of G; zero Adam moments.
     *
     * @param config the run configuration
     * @param parent the manager the state's own manager is made under
     */
    public GanState(PgganConfig config, NDManager parent) {
        this.config = config;
        this.manager = parent.newSubManager();
        g = new Generator(config.architecture(), config.labelSize());
        d = new Discriminator(config.architecture(), config.labelSize());
        gs = new Generator(config.architecture(), config.labelSize());
        NetworkParameters.initialize(g, manager, config.run().seed(), true);
        NetworkParameters.initialize(d, manager, config.run().seed() + 1, true);
        NetworkParameters.initializeAsCopy(gs, g, manager, false);
        adamG = adam(g);
        adamD = adam(d);
    }

    private AdamOptimizer adam(ProgressiveNetwork net) {
        return new AdamOptimizer(
                arrays(net),
                manager,
                config.optimizer().adamBeta1(),
                config.optimizer().adamBeta2(),
                config.optimizer().adamEpsilon());
    }

    /** The parameter arrays of a network, in its parameter order. */
    public static List<NDArray> arrays(ProgressiveNetwork net) {
        List<NDArray> out = new ArrayList<>();
        for (ProgressiveNetwork.NamedParameter p : net.namedParameters()) {
            out.add(p.parameter().getArray());
        }
        return out;
    }

    /** The configuration. */
    public PgganConfig config() {
        return config;
    }

    /** The state's manager. */
    public NDManager manager() {
        return manager;
    }

    /** The training generator. */
    public Generator generator() {
        return g;
    }

    /** The critic. */
    public Discriminator discriminator() {
        return d;
    }

    /** The moving-average generator used for every sample and export. */
    public Generator averagedGenerator() {
        return gs;
    }

    /** G's optimizer. */
    public AdamOptimizer adamG() {
        return adamG;
    }

    /** D's optimizer. */
    public AdamOptimizer adamD() {
        return adamD;
    }

    /** Where the run stands. */
    public TrainingCounters counters() {
        return counters;
    }

    void setCounters(TrainingCounters counters) {
        this.counters = counters;
    }

    /** The schedule position at the current counters. */
    public io.pggan.gan.training.TrainingSchedule.Position position(int replicas) {
        return config.schedule()
                .at(counters.scheduleNimg / 1000.0, config.architecture().resolution(), replicas);
    }

    @Override
    public void close() {
        manager.close();
    }
}
