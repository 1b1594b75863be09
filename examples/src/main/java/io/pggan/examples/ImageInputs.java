package io.pggan.examples;

import io.pggan.data.ImageSource;
import io.pggan.data.folder.ImageFolder;
import io.pggan.data.idx.IdxImages;
import io.pggan.metrics.Uint8Images;
import java.nio.file.Files;
import java.nio.file.Path;

/** The images {@link TrainOnImages} trains on: a folder or an IDX file, sliced, as 8-bit. */
final class ImageInputs {
    private ImageInputs() {}

    /** The images of a folder or an IDX file at the resolution. */
    static ImageSource open(Path input, int resolution, int limit) {
        if (Files.isDirectory(input)) {
            ImageFolder f = ImageFolder.builder().folder(input).resolution(resolution).build();
            return limit < f.size() ? slice(f, 0, limit) : f;
        }
        return IdxImages.read(input, resolution, limit, IdxImages.DEFAULT_MAX_BYTES);
    }

    /** Images {@code from .. to - 1} of a source. */
    static ImageSource slice(ImageSource s, int from, int to) {
        return new ImageSource() {
            @Override
            public int size() {
                return to - from;
            }

            @Override
            public int resolution() {
                return s.resolution();
            }

            @Override
            public float[] load(int index) {
                return s.load(from + index);
            }

            @Override
            public String describe(int index) {
                return s.describe(from + index);
            }
        };
    }

    /** Images {@code from .. from + n - 1} of a source as 8-bit images. */
    static Uint8Images bytes(ImageSource s, int from, int n) {
        int r = s.resolution();
        byte[] b = new byte[n * r * r];
        for (int i = 0; i < n; i++) {
            float[] img = s.load(from + i);
            for (int j = 0; j < img.length; j++) {
                b[i * r * r + j] = (byte) io.pggan.io.ImagePng.toByte(img[j]);
            }
        }
        return Uint8Images.of(b, n, 1, r, r);
    }
}
