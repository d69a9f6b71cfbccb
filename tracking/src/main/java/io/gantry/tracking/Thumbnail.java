package io.gantry.tracking;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The thumbnail MLflow's image view loads, made as Python's {@code mlflow.log_image} makes it: the image
 * scaled (bicubic) so that its longer side is 256 pixels, aspect kept, saved as WebP.
 */
public final class Thumbnail {
    /** MLflow's {@code COMPRESSED_IMAGE_SIZE}. */
    static final int MAX_SIDE = 256;

    private Thumbnail() {
    }

    public static byte[] webp(byte[] png) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image to thumbnail", e);
        }
        if (image == null) {
            throw new IllegalArgumentException("not an image the JDK can read (PNG expected)");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        // mlflow.tracking.multimedia.compress_image_size: the longer side becomes 256, the other is truncated
        int width = w > h ? MAX_SIDE : Math.max(1, (int) (w * (MAX_SIDE / (double) h)));
        int height = w > h ? Math.max(1, (int) (h * (MAX_SIDE / (double) w))) : MAX_SIDE;
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        int[] argb = scaled.getRGB(0, 0, width, height, null, 0, width);
        return WebpLossless.encode(argb, width, height);
    }
}
