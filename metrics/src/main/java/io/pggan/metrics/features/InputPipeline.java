package io.pggan.metrics.features;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a feature model expects: whether grayscale is repeated to RGB, a bilinear resize ({@code
 * align_corners = false}, as {@code F.interpolate} in pytorch-fid) and the value range. Features
 * are only comparable between runs that use the same model and pipeline.
 *
 * @param grayToRgb repeat 1-channel images to 3 channels (PIL {@code convert("RGB")})
 * @param resize target height and width, or 0 to keep the size (e.g. when the model resizes)
 * @param range value range the model expects
 */
public record InputPipeline(
        @JsonProperty("grayToRgb") boolean grayToRgb,
        @JsonProperty("resize") int resize,
        @JsonProperty("range") Range range) {

    /** Input value ranges. */
    public enum Range {
        /** [-1, 1], the generator's range (pytorch-fid after its own normalisation). */
        SIGNED,
        /** [0, 1] (pytorch-fid's {@code InceptionV3(normalize_input=True)} input). */
        UNIT,
        /** [0, 255] (TF / clean-fid style graphs). */
        BYTE
    }

    /** Validates the fields. */
    @JsonCreator
    public InputPipeline {
        if (resize < 0) {
            throw new IllegalArgumentException("resize must be >= 0, got " + resize);
        }
        if (range == null) {
            throw new IllegalArgumentException("range must be given");
        }
    }

    /**
     * The pipeline of a TorchScript export of pytorch-fid's {@code InceptionV3(resize_input=True,
     * normalize_input=True)}: RGB, no resize outside the model, [0, 1] input.
     */
    public static InputPipeline pytorchFid() {
        return new InputPipeline(true, 0, Range.UNIT);
    }

    /** No change at all: images go to the model as [-1, 1] floats of their own size. */
    public static InputPipeline identity() {
        return new InputPipeline(false, 0, Range.SIGNED);
    }

    /** Applies the pipeline to {@code [N, C, H, W]} images in [-1, 1]. */
    public NDArray apply(NDArray images) {
        FeatureShapes.checkImages(images);
        NDArray x = images;
        if (grayToRgb && x.getShape().get(1) == 1) {
            x = x.repeat(1, 3);
        }
        if (resize > 0 && (x.getShape().get(2) != resize || x.getShape().get(3) != resize)) {
            NDArray nhwc = x.transpose(0, 2, 3, 1);
            x =
                    NDImageUtils.resize(nhwc, resize, resize, Image.Interpolation.BILINEAR)
                            .transpose(0, 3, 1, 2);
        }
        switch (range) {
            case UNIT -> x = x.add(1f).div(2f);
            case BYTE -> x = x.add(1f).mul(127.5f);
            default -> {
                // already [-1, 1]
            }
        }
        return x;
    }
}
