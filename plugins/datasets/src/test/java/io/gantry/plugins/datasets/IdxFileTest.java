package io.gantry.plugins.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.api.DatasetUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
    @TempDir
    Path dir;

    private static byte[] images(int n, int h, int w) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * h * w);
        b.putInt(IdxFile.IMAGES_MAGIC).putInt(n).putInt(h).putInt(w);
        for (int i = 0; i < n * h * w; i++) {
            b.put((byte) i);
        }
        return b.array();
    }

    @Test
    void readsRawAndGzippedFiles() throws IOException {
        Path raw = Files.write(dir.resolve("x-images-idx3-ubyte"), images(3, 2, 2));
        Path gz = dir.resolve("y-images-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(images(3, 2, 2));
        }
        IdxFile a = IdxFile.read(raw, IdxFile.IMAGES_MAGIC);
        IdxFile b = IdxFile.read(gz, IdxFile.IMAGES_MAGIC);
        assertThat(a.dims()).containsExactly(3, 2, 2);
        assertThat(a.data()).hasSize(12).isEqualTo(b.data());
    }

    @Test
    void wrongMagicNumberNamesTheFile() throws IOException {
        byte[] bytes = images(1, 2, 2);
        bytes[3] = 0x01; // labels' magic in an images file
        Path f = Files.write(dir.resolve("bad-images"), bytes);
        assertThatThrownBy(() -> IdxFile.read(f, IdxFile.IMAGES_MAGIC))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("corrupt IDX file " + f)
                .hasMessageContaining("magic number 0x00000801, expected 0x00000803");
    }

    @Test
    void truncatedFileIsReported() throws IOException {
        byte[] full = images(4, 2, 2);
        Path f = Files.write(dir.resolve("short-images"), java.util.Arrays.copyOf(full, full.length - 5));
        assertThatThrownBy(() -> IdxFile.read(f, IdxFile.IMAGES_MAGIC))
                .hasMessageContaining("header promises 16 values but the file holds 11");
    }
}
