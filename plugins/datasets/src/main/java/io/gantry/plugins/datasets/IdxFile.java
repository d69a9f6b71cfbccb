package io.gantry.plugins.datasets;

import io.gantry.api.DatasetUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * One IDX file (the MNIST format): a magic number giving the element type and rank, the dimension
 * sizes, then unsigned bytes. Gzipped files are read transparently. Any mismatch is an error that
 * names the file.
 */
record IdxFile(Path path, int[] dims, byte[] data) {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    static IdxFile read(Path path, int expectedMagic) {
        byte[] bytes;
        try (InputStream in = open(path)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new DatasetUnavailableException("cannot read " + path + ": " + e.getMessage()
                    + " (delete it to have Gantry install the data again)", e);
        }
        if (bytes.length < 8) {
            throw corrupt(path, "only " + bytes.length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int magic = buf.getInt();
        if (magic != expectedMagic) {
            throw corrupt(path, String.format("magic number 0x%08x, expected 0x%08x", magic, expectedMagic));
        }
        int rank = magic & 0xff;
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = buf.getInt();
            count *= dims[i];
        }
        int header = 4 + 4 * rank;
        if (bytes.length - header != count) {
            throw corrupt(path, "header promises " + count + " values but the file holds " + (bytes.length - header));
        }
        byte[] data = new byte[(int) count];
        System.arraycopy(bytes, header, data, 0, data.length);
        return new IdxFile(path, dims, data);
    }

    private static InputStream open(Path path) throws IOException {
        InputStream raw = Files.newInputStream(path);
        return path.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
    }

    private static DatasetUnavailableException corrupt(Path path, String what) {
        return new DatasetUnavailableException("corrupt IDX file " + path + ": " + what
                + " (delete it to have Gantry install the data again, or replace it with the original)");
    }

    /** Uncompressed bytes of any file, for checksums. */
    static byte[] uncompressed(Path path) throws IOException {
        try (InputStream in = open(path); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
