package io.pggan.data.folder;

import io.pggan.data.DataException;
import io.pggan.data.ImageFiles;
import io.pggan.data.ImageSource;
import io.pggan.data.Preprocessing;
import io.pggan.data.SquareMode;
import io.pggan.data.labels.LabelSpec;
import io.pggan.data.labels.LabelTable;
import io.pggan.data.labels.LabelsCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An unlabelled folder of PNG/JPEG/DICOM images for GAN training on other data, preprocessed like
 * the radiographs. Files are listed once, sorted by their relative path (so the order is the same
 * on every machine); symbolic links that lead outside the folder are skipped.
 */
public final class ImageFolder implements ImageSource {
    private static final List<String> EXTENSIONS =
            List.of(".png", ".jpg", ".jpeg", ".dcm", ".dicom");

    private final Path folder;
    private final List<Path> files;
    private final Preprocessing preprocessing;

    private ImageFolder(Path folder, List<Path> files, Preprocessing preprocessing) {
        this.folder = folder;
        this.files = List.copyOf(files);
        this.preprocessing = preprocessing;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The folder read. */
    public Path folder() {
        return folder;
    }

    /** The image files in load order. */
    public List<Path> files() {
        return files;
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public int resolution() {
        return preprocessing.resolution();
    }

    @Override
    public float[] load(int index) {
        Path f = files.get(index);
        return ImageFiles.load(f, preprocessing);
    }

    @Override
    public String describe(int index) {
        return files.get(index).toString();
    }

    /**
     * The images' labels from the {@code labels.csv} beside them ({@link LabelsCsv}), for a
     * conditional GAN's store.
     */
    public LabelTable labels(LabelSpec spec) {
        return LabelsCsv.read(folder, files, spec);
    }

    /** Whether the name ends in .png, .jpg, .jpeg, .dcm or .dicom (any case). */
    static boolean isImageName(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith) && !name.startsWith(".");
    }

    /** Builder of {@link ImageFolder}. */
    public static final class Builder {
        private Path folder;
        private int resolution = 256;
        private SquareMode squareMode = SquareMode.PAD;
        private boolean recursive = false;

        private Builder() {}

        /** The folder of images. */
        public Builder folder(Path folder) {
            this.folder = folder;
            return this;
        }

        /** Output side, a power of two (default 256). */
        public Builder resolution(int resolution) {
            this.resolution = resolution;
            return this;
        }

        /** Pad (default) or crop to a square. */
        public Builder squareMode(SquareMode squareMode) {
            this.squareMode = squareMode;
            return this;
        }

        /** Whether to include sub-folders (default false). */
        public Builder recursive(boolean recursive) {
            this.recursive = recursive;
            return this;
        }

        /**
         * Lists the images.
         *
         * @throws DataException if the folder does not exist or holds no PNG/JPEG/DICOM file
         */
        public ImageFolder build() {
            Preprocessing pre = new Preprocessing(resolution, squareMode);
            Objects.requireNonNull(folder, "folder");
            if (!Files.isDirectory(folder)) {
                throw new DataException(folder + ": image folder does not exist");
            }
            Path root;
            List<Path> files;
            try {
                root = folder.toRealPath();
                try (Stream<Path> s = recursive ? Files.walk(root) : Files.list(root)) {
                    files =
                            s.filter(p -> Files.isRegularFile(p))
                                    .filter(ImageFolder::isImageName)
                                    .filter(p -> insideFolder(root, p))
                                    .sorted(
                                            (a, b) ->
                                                    root.relativize(a)
                                                            .toString()
                                                            .compareTo(
                                                                    root.relativize(b).toString()))
                                    .toList();
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new DataException(
                        folder + ": cannot list folder (" + e.getMessage() + ")", e);
            }
            if (files.isEmpty()) {
                throw new DataException(
                        folder
                                + ": no PNG, JPEG or DICOM images (*.png, *.jpg, *.jpeg, *.dcm,"
                                + " *.dicom) in folder"
                                + (recursive ? " or its sub-folders" : ""));
            }
            return new ImageFolder(root, files, pre);
        }

        private static boolean insideFolder(Path root, Path p) {
            try {
                return p.toRealPath(new LinkOption[0]).startsWith(root);
            } catch (IOException e) {
                return false;
            }
        }
    }
}
