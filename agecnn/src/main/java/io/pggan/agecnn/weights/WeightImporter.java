package io.pggan.agecnn.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.pggan.agecnn.network.NamedParameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies weights from a file into a network's {@link NamedParameters}.
 *
 * <p>File format: a NumPy {@code .npz} of float32 arrays keyed by Keras layer name and weight name
 * ({@code block1_conv1/kernel}, {@code block2_sepconv1/depthwise_kernel}, {@code
 * block2_sepconv1/pointwise_kernel}, {@code
 * block1_conv1_bn/gamma|beta|moving_mean|moving_variance}; the unnamed Keras residual convolutions
 * are {@code blockN_residual/kernel} and {@code blockN_residual_bn/...} for N = 2, 3, 4, 13),
 * already in PyTorch layout: convolution kernels {@code (out, in, kh, kw)}, depthwise kernels
 * {@code (channels, 1, kh, kw)}, pointwise kernels {@code (out, in, 1, 1)}, dense kernels {@code
 * (out, in)}. Saved {@code AgeRegressor} models use the same format.
 *
 * <p>Rules: same name and shape: copied. {@code block1_conv1/kernel} with 3 input channels into a
 * one-channel model: the RGB kernels are summed (a grey image replicated to RGB gives the same
 * response). Any other shape difference: refused, naming the layer, before anything is changed.
 * Names only in the model: reported missing; names only in the file: reported unexpected.
 */
public final class WeightImporter {
    private static final Logger LOG = LoggerFactory.getLogger(WeightImporter.class);
    static final String FIRST_CONV = "block1_conv1/kernel";

    private WeightImporter() {}

    /**
     * Loads a weight file into the parameters.
     *
     * @param file a {@code .npz} in the format above
     * @param target the network's named parameters (initialised)
     * @return what matched, what was adapted, missing or unexpected
     * @throws IllegalArgumentException when a shape does not fit, naming the layer
     */
    public static ImportReport load(Path file, NamedParameters target) {
        ImportReport report = apply(WeightFile.read(file), target);
        LOG.info("imported weights from {}: {}", file, report.summary());
        return report;
    }

    /**
     * Copies arrays into the parameters (all shapes are checked first: on a refusal nothing has
     * changed).
     *
     * @param arrays name to array
     * @param target the network's named parameters (initialised)
     * @return the report
     */
    public static ImportReport apply(Map<String, NamedArray> arrays, NamedParameters target) {
        Map<String, Parameter> params = target.asMap();
        Map<Parameter, float[]> plan = new LinkedHashMap<>();
        List<String> matched = new ArrayList<>();
        List<String> adapted = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (NamedArray array : arrays.values()) {
            Parameter parameter = params.get(array.name());
            if (parameter == null) {
                unexpected.add(array.name());
                continue;
            }
            NDArray current = parameter.getArray();
            long[] want = current.getShape().getShape();
            if (java.util.Arrays.equals(want, array.shape())) {
                plan.put(parameter, array.data());
                matched.add(array.name());
            } else if (array.name().equals(FIRST_CONV) && isRgbToGray(array.shape(), want)) {
                plan.put(parameter, sumInputChannels(array));
                adapted.add(array.name() + " (RGB kernels summed to 1 channel)");
            } else {
                throw new IllegalArgumentException(
                        "layer "
                                + array.name()
                                + ": the file has shape "
                                + array.shapeText()
                                + " but the model expects "
                                + io.pggan.io.NpyArray.shapeText(want)
                                + " (was the model built with a different width multiplier or"
                                + " channel count?)");
            }
        }
        for (String name : params.keySet()) {
            if (!arrays.containsKey(name)) {
                missing.add(name);
            }
        }
        plan.forEach((parameter, values) -> parameter.getArray().set(values));
        return new ImportReport(matched, adapted, missing, unexpected);
    }

    private static boolean isRgbToGray(long[] file, long[] model) {
        return file.length == 4
                && model.length == 4
                && file[1] == 3
                && model[1] == 1
                && file[0] == model[0]
                && file[2] == model[2]
                && file[3] == model[3];
    }

    /** {@code (O, 3, kh, kw)} to {@code (O, 1, kh, kw)} by summing over the input channels. */
    private static float[] sumInputChannels(NamedArray array) {
        int out = (int) array.shape()[0];
        int spatial = (int) (array.shape()[2] * array.shape()[3]);
        float[] src = array.data();
        float[] sum = new float[out * spatial];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < 3; c++) {
                for (int s = 0; s < spatial; s++) {
                    sum[o * spatial + s] += src[(o * 3 + c) * spatial + s];
                }
            }
        }
        return sum;
    }

    /**
     * Reads the current values of every named parameter, e.g. to save them with {@link
     * WeightFile#write}.
     *
     * @param source the parameters
     * @return one array per parameter, in network order
     */
    public static List<NamedArray> export(NamedParameters source) {
        List<NamedArray> arrays = new ArrayList<>();
        source.asMap()
                .forEach(
                        (name, p) ->
                                arrays.add(
                                        new NamedArray(
                                                name,
                                                p.getArray().getShape().getShape(),
                                                p.getArray().toFloatArray())));
        return arrays;
    }
}
