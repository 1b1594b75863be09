package io.pggan.metrics.features;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * Features from any DJL {@link Block} (or the block of a loaded {@link Model}): the images go
 * through the {@link InputPipeline}, then one inference forward pass; the first output is flattened
 * to {@code [N, D]}. The block must already be initialised (trained or loaded).
 */
public class BlockFeatureExtractor implements FeatureExtractor {
    private final Block block;
    private final int dim;
    private final InputPipeline pipeline;
    private final AutoCloseable owner;

    /**
     * Wraps an initialised block.
     *
     * @param block the feature network
     * @param dim its feature dimension
     * @param pipeline input preparation
     */
    public BlockFeatureExtractor(Block block, int dim, InputPipeline pipeline) {
        this(block, dim, pipeline, null);
        if (!block.isInitialized()) {
            throw new IllegalArgumentException(
                    "the feature block is not initialised; load or initialise it first");
        }
    }

    /** Wraps a model's block; closing the extractor does not close the model. */
    public static BlockFeatureExtractor of(Model model, int dim, InputPipeline pipeline) {
        return new BlockFeatureExtractor(model.getBlock(), dim, pipeline);
    }

    protected BlockFeatureExtractor(
            Block block, int dim, InputPipeline pipeline, AutoCloseable owner) {
        if (block == null || pipeline == null) {
            throw new IllegalArgumentException("block and pipeline must not be null");
        }
        if (dim <= 0) {
            throw new IllegalArgumentException("feature dimension must be positive, got " + dim);
        }
        this.block = block;
        this.dim = dim;
        this.pipeline = pipeline;
        this.owner = owner;
    }

    @Override
    public int dim() {
        return dim;
    }

    /** The input pipeline. */
    public InputPipeline pipeline() {
        return pipeline;
    }

    @Override
    public NDArray extract(NDArray images) {
        NDArray x = pipeline.apply(images);
        NDList out =
                block.forward(new ParameterStore(images.getManager(), false), new NDList(x), false);
        if (out.isEmpty()) {
            throw new IllegalStateException("feature model returned no output");
        }
        return FeatureShapes.toMatrix(out.get(0), images, dim);
    }

    @Override
    public void close() {
        if (owner != null) {
            try {
                owner.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close the feature model", e);
            }
        }
    }
}
