package io.gantry.plugins.datasets;

import io.gantry.api.Dataset;
import io.gantry.api.DatasetContext;
import io.gantry.api.DatasetUnavailableException;
import io.gantry.api.ImageShape;
import io.gantry.api.ImageSource;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.pf4j.Extension;

/**
 * Every PNG/JPEG under a folder (recursively), resized to size x size, as grayscale or RGB.
 * Transparent pixels are composited on white, as sprite sheets expect. No labels.
 */
@Extension
public class ImageFolderDataset implements Dataset {
    @Override
    public String name() {
        return "image-folder";
    }

    @Override
    public String description() {
        return "any folder of PNG/JPEG images, resized; grayscale or RGB; unlabelled";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .string("path", null, "folder of images (searched recursively); relative to the data dir if not absolute")
                .integer("size", 64, 4, 1024, "side of the square images after resizing")
                .choice("color", "rgb", List.of("rgb", "grayscale"), "channels: 3 (rgb) or 1 (grayscale)")
                .integer("limit", 0, 0, null, "use only the first N images in name order (0: all)")
                .build();
    }

    @Override
    public ImageShape shape(Params p) {
        return new ImageShape(p.getString("color").equals("rgb") ? 3 : 1, p.getInt("size"), p.getInt("size"));
    }

    @Override
    public ImageSource open(Params p, DatasetContext context) {
        Path root = context.dataDir().resolve(p.getString("path"));
        if (!Files.isDirectory(root)) {
            throw new DatasetUnavailableException("image-folder: " + root + " is not a folder (set dataset.path to a "
                    + "folder of .png/.jpg files)");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(ImageFolderDataset::isImage).sorted().toList();
        } catch (IOException e) {
            throw new DatasetUnavailableException("image-folder: cannot list " + root + ": " + e.getMessage(), e);
        }
        int limit = p.getInt("limit");
        if (limit > 0 && files.size() > limit) {
            files = files.subList(0, limit);
        }
        if (files.isEmpty()) {
            throw new DatasetUnavailableException("image-folder: no .png/.jpg/.jpeg files under " + root);
        }
        ImageShape shape = shape(p);
        byte[] pixels = new byte[files.size() * shape.pixels()];
        List<String> unreadable = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            BufferedImage img;
            try {
                img = ImageIO.read(files.get(i).toFile());
            } catch (IOException e) {
                img = null;
            }
            if (img == null) {
                unreadable.add(files.get(i).toString());
                continue;
            }
            write(resize(img, shape.width()), shape, pixels, i * shape.pixels());
        }
        if (!unreadable.isEmpty()) {
            throw new DatasetUnavailableException("image-folder: cannot decode " + unreadable.size() + " file(s), e.g. "
                    + unreadable.get(0) + " (remove them or convert them to PNG)");
        }
        return new ByteImageSource(pixels, files.size(), shape, context.pixelRange(), null,
                "image-folder " + root + " (" + files.size() + " images, " + shape + ")");
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    private static BufferedImage resize(BufferedImage src, int side) {
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, side, side);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, side, side, null);
        g.dispose();
        return out;
    }

    /** Writes one image as CHW bytes: RGB planes, or luminance for grayscale. */
    private static void write(BufferedImage img, ImageShape shape, byte[] out, int offset) {
        int plane = shape.height() * shape.width();
        for (int y = 0; y < shape.height(); y++) {
            for (int x = 0; x < shape.width(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                int i = y * shape.width() + x;
                if (shape.channels() == 3) {
                    out[offset + i] = (byte) r;
                    out[offset + plane + i] = (byte) g;
                    out[offset + 2 * plane + i] = (byte) b;
                } else {
                    out[offset + i] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                }
            }
        }
    }
}
