package io.pggan.gan.network;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.HashMap;
import java.util.Map;

/**
 * Parameter values of one data-parallel replica: either the parameters' own arrays (the main
 * replica) or copies on another device, or on the same CPU (used to exercise the multi-device path
 * on a CPU-only machine).
 */
public final class ReplicaParameterStore extends ParameterStore {
    private final Map<String, NDArray> values = new HashMap<>();

    /** A store that serves the parameters' own arrays. */
    public ReplicaParameterStore() {
        super();
    }

    /** Serves {@code value} for {@code parameter} from now on. */
    public void put(Parameter parameter, NDArray value) {
        values.put(parameter.getId(), value);
    }

    /** The replica copy of a parameter, or null when the parameter's own array is used. */
    public NDArray copyOf(Parameter parameter) {
        return values.get(parameter.getId());
    }

    /** Forgets every copy (their arrays belong to the caller's scope). */
    public void clearCopies() {
        values.clear();
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        NDArray v = values.get(parameter.getId());
        return v != null ? v : parameter.getArray();
    }
}
