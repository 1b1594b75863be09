package io.pggan.agecnn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.pggan.agecnn.network.AgeNet;
import java.util.Arrays;

/**
 * Inference for {@link AgeRegressor}: ages and pooled features in batches of {@code evalBatchSize},
 * each batch in its own manager scope so nothing grows with the number of images.
 */
final class AgeInference {
    private final AgeRegressor r;
    private final AgeRegressorConfig config;
    private final AgeNet net;
    private final Device device;

    AgeInference(AgeRegressor r, AgeNet net, Device device) {
        this.r = r;
        this.config = r.config();
        this.net = net;
        this.device = device;
    }

    private NDManager manager() {
        return r.djlModel().getNDManager();
    }

    float[] predict(NDArray images, NDArray sex) {
        checkInputs(images, sex);
        long n = images.getShape().get(0);
        float[] out = new float[(int) n];
        int bs = config.evalBatchSize();
        for (long from = 0; from < n; from += bs) {
            long to = Math.min(n, from + bs);
            try (NDManager scope = manager().newSubManager()) {
                NDArray x = slice(images, from, to, scope);
                NDList inputs = new NDList(x);
                if (sex != null) {
                    inputs.add(
                            slice(sex, from, to, scope)
                                    .toType(DataType.FLOAT32, false)
                                    .reshape(-1, 1));
                }
                float[] normalised = forward(scope, inputs);
                for (int k = 0; k < normalised.length; k++) {
                    out[(int) from + k] = normalised[k] * r.targetSd() + r.targetMean();
                }
            }
        }
        return out;
    }

    AgeRegressor.AgesAndFeatures predictWithFeatures(NDArray images, NDArray sex) {
        checkInputs(images, sex);
        long n = images.getShape().get(0);
        int f = net.trunk().featureSize();
        float[] months = new float[(int) n];
        float[] all = new float[(int) (n * f)];
        int bs = config.evalBatchSize();
        for (long from = 0; from < n; from += bs) {
            long to = Math.min(n, from + bs);
            try (NDManager scope = manager().newSubManager()) {
                ParameterStore store = new ParameterStore(scope, false);
                NDArray x = slice(images, from, to, scope);
                NDArray features =
                        net.trunk().forward(store, new NDList(x), false).singletonOrThrow();
                NDArray s = sex == null ? null : slice(sex, from, to, scope);
                float[] normalised =
                        net.head(
                                        store,
                                        features,
                                        s == null ? null : s.toType(DataType.FLOAT32, false),
                                        false)
                                .toFloatArray();
                for (int k = 0; k < normalised.length; k++) {
                    months[(int) from + k] = normalised[k] * r.targetSd() + r.targetMean();
                }
                float[] part = features.toFloatArray();
                System.arraycopy(part, 0, all, (int) (from * f), part.length);
            }
        }
        return new AgeRegressor.AgesAndFeatures(
                months, images.getManager().create(all, new Shape(n, f)));
    }

    /** Refuses images of the wrong shape and a sex input the model does not match. */
    private void checkInputs(NDArray images, NDArray sex) {
        net.trunk().checkInputShape(images.getShape());
        long n = images.getShape().get(0);
        if (config.useSex() && sex == null) {
            throw new IllegalArgumentException(
                    "this model takes sex as an input (useSex=true): pass a sex array of "
                            + n
                            + " values (1 = male, 0 = female)");
        }
        if (!config.useSex() && sex != null) {
            throw new IllegalArgumentException(
                    "this model was built without a sex input (useSex=false): pass sex = null");
        }
        if (sex != null && sex.size() != n) {
            throw new IllegalArgumentException(
                    "sex has " + sex.size() + " values for " + n + " images");
        }
    }

    float[] predict(AgeDataset data) {
        r.checkDataset(data, "dataset");
        float[] out = new float[data.size()];
        int bs = config.evalBatchSize();
        int per = data.imageLength();
        for (int from = 0; from < data.size(); from += bs) {
            int to = Math.min(data.size(), from + bs);
            try (NDManager scope = manager().newSubManager()) {
                NDList inputs = batchInputs(scope, data, from, to, per);
                float[] normalised = forward(scope, inputs);
                for (int k = 0; k < normalised.length; k++) {
                    out[from + k] = normalised[k] * r.targetSd() + r.targetMean();
                }
            }
        }
        return out;
    }

    /** Rows {@code from..to} of a caller's array, owned by {@code scope} (nothing left behind). */
    private NDArray slice(NDArray array, long from, long to, NDManager scope) {
        NDArray rows = array.get(new NDIndex("{}:{}", from, to));
        rows.attach(scope);
        return rows.toDevice(device, false);
    }

    private NDList batchInputs(NDManager scope, AgeDataset data, int from, int to, int per) {
        float[] buffer = Arrays.copyOfRange(data.imagesView(), from * per, to * per);
        NDArray x =
                scope.create(
                                buffer,
                                new Shape(to - from, data.channels(), data.height(), data.width()))
                        .toDevice(device, false);
        NDList inputs = new NDList(x);
        if (config.useSex()) {
            float[] s = new float[to - from];
            for (int i = from; i < to; i++) {
                s[i - from] = data.sex(i).asFloat();
            }
            inputs.add(scope.create(s, new Shape(to - from, 1)).toDevice(device, false));
        }
        return inputs;
    }

    private float[] forward(NDManager scope, NDList inputs) {
        ParameterStore store = new ParameterStore(scope, false);
        return net.forward(store, inputs, false).singletonOrThrow().toFloatArray();
    }

    NDArray features(NDArray images) {
        net.trunk().checkInputShape(images.getShape());
        long n = images.getShape().get(0);
        int f = net.trunk().featureSize();
        float[] all = new float[(int) (n * f)];
        int bs = config.evalBatchSize();
        for (long from = 0; from < n; from += bs) {
            long to = Math.min(n, from + bs);
            try (NDManager scope = manager().newSubManager()) {
                NDArray x = slice(images, from, to, scope);
                ParameterStore store = new ParameterStore(scope, false);
                float[] part =
                        net.trunk()
                                .forward(store, new NDList(x), false)
                                .singletonOrThrow()
                                .toFloatArray();
                System.arraycopy(part, 0, all, (int) (from * f), part.length);
            }
        }
        return images.getManager().create(all, new Shape(n, f));
    }
}
