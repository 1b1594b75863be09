package io.pggan.data.store;

import io.pggan.data.DataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One memory-mapped level file of a store, split into chunks of whole images. */
final class LevelFile {
    /** Largest mapped chunk. */
    private static final long CHUNK_BYTES = 1L << 30;

    final int pixels;
    final int perChunk;
    final MappedByteBuffer[] chunks;

    LevelFile(int pixels, int perChunk, MappedByteBuffer[] chunks) {
        this.pixels = pixels;
        this.perChunk = perChunk;
        this.chunks = chunks;
    }

    static LevelFile map(Path folder, Path hf, StoreHeader.Level lv, int count) {
        Path f = folder.resolve(lv.file());
        if (Files.isSymbolicLink(f)) {
            throw new DataException(
                    f + ": level file named in " + hf + " is a link; a store holds its own files");
        }
        long pixels = (long) lv.resolution() * lv.resolution();
        long expected = pixels * count;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size != expected) {
                throw new DataException(
                        f
                                + ": level file has "
                                + size
                                + " bytes, header "
                                + hf
                                + " says "
                                + count
                                + " images of "
                                + lv.resolution()
                                + "x"
                                + lv.resolution()
                                + " = "
                                + expected
                                + " bytes");
            }
            int perChunk = (int) Math.max(1, Math.min(count, CHUNK_BYTES / pixels));
            int n = (count + perChunk - 1) / perChunk;
            MappedByteBuffer[] chunks = new MappedByteBuffer[n];
            for (int c = 0; c < n; c++) {
                long start = (long) c * perChunk * pixels;
                long len = Math.min(expected - start, (long) perChunk * pixels);
                chunks[c] = ch.map(FileChannel.MapMode.READ_ONLY, start, len);
            }
            return new LevelFile((int) pixels, perChunk, chunks);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DataException(f + ": level file named in " + hf + " does not exist", e);
        } catch (IOException e) {
            throw new DataException(f + ": cannot map level file (" + e.getMessage() + ")", e);
        }
    }

    void read(int index, byte[] dst) {
        ByteBuffer chunk = chunks[index / perChunk];
        chunk.get((index % perChunk) * pixels, dst, 0, pixels);
    }
}
