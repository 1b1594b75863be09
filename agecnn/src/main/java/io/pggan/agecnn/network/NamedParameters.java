package io.pggan.agecnn.network;

import ai.djl.nn.Parameter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters under stable, Keras-style names ({@code block2_sepconv1/depthwise_kernel}, {@code
 * block1_conv1_bn/moving_mean}, ...), independent of DJL's numbered child-block names. These names
 * key the weight files: saved models and imported ImageNet weights use the same convention.
 */
public final class NamedParameters {
    private final Map<String, Parameter> byName = new LinkedHashMap<>();

    void put(String name, Parameter parameter) {
        if (byName.put(name, parameter) != null) {
            throw new IllegalStateException("duplicate parameter name " + name);
        }
    }

    void putConv(String layer, ai.djl.nn.Block conv, String kerasKernelName) {
        put(layer + "/" + kerasKernelName, conv.getParameters().get("weight"));
    }

    void putBatchNorm(String layer, ai.djl.nn.Block bn) {
        put(layer + "/gamma", bn.getParameters().get("gamma"));
        put(layer + "/beta", bn.getParameters().get("beta"));
        put(layer + "/moving_mean", bn.getParameters().get("runningMean"));
        put(layer + "/moving_variance", bn.getParameters().get("runningVar"));
    }

    void putLinear(String layer, ai.djl.nn.Block linear) {
        put(layer + "/kernel", linear.getParameters().get("weight"));
        put(layer + "/bias", linear.getParameters().get("bias"));
    }

    void putAll(NamedParameters other) {
        other.byName.forEach(this::put);
    }

    /** Name to parameter, in network order. */
    public Map<String, Parameter> asMap() {
        return Collections.unmodifiableMap(byName);
    }
}
