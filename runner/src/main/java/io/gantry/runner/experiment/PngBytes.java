package io.gantry.runner.experiment;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** An image as PNG bytes, for logging as an artifact. */
final class PngBytes {
    private PngBytes() {
    }

    static byte[] of(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            // ImageIO's disk cache registers delete-on-exit files, which throws once a Ctrl-C
            // shutdown has begun; the images are small, keep them in memory.
            ImageIO.setUseCache(false);
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
