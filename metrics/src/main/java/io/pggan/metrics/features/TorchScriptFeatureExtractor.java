package io.pggan.metrics.features;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Features from a TorchScript file the user supplies (e.g. pytorch-fid's Inception-v3 traced to
 * {@code pt_inception_fid.pt}), loaded through DJL's PyTorch engine from the local path only:
 * nothing is downloaded. The module may return a tensor or a list/tuple (the first element is
 * used); {@code [N, D, 1, 1]} is flattened. See the module README for how to make the file.
 */
public final class TorchScriptFeatureExtractor extends BlockFeatureExtractor {

    private TorchScriptFeatureExtractor(
            ZooModel<NDList, NDList> model, int dim, InputPipeline pipeline) {
        super(model.getBlock(), dim, pipeline, model);
    }

    /**
     * Loads a TorchScript file.
     *
     * @param file the {@code .pt} file
     * @param dim feature dimension it returns (2048 for Inception pool3)
     * @param pipeline what the model expects, e.g. {@link InputPipeline#pytorchFid()}
     * @throws IOException if the file is missing or cannot be loaded
     */
    public static TorchScriptFeatureExtractor load(Path file, int dim, InputPipeline pipeline)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("TorchScript feature model not found: " + file.toAbsolutePath());
        }
        Criteria<NDList, NDList> criteria =
                Criteria.builder()
                        .setTypes(NDList.class, NDList.class)
                        // folder + file name: DJL then loads exactly this file from disk
                        .optModelPath(file.toAbsolutePath().getParent())
                        .optModelName(file.getFileName().toString())
                        .optEngine("PyTorch")
                        .optTranslator(new NoopTranslator())
                        .build();
        try {
            ZooModel<NDList, NDList> model = criteria.loadModel();
            try {
                return new TorchScriptFeatureExtractor(model, dim, pipeline);
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new IOException(
                    "cannot load TorchScript model " + file + ": " + e.getMessage(), e);
        }
    }
}
