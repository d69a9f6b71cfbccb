package io.gantry.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our WebP files decoded by libwebp (through Pillow, in the venv the test command installs with MLflow)
 * give back every pixel exactly.
 */
class WebpLosslessTest {
    @TempDir
    Path tmp;

    private static Path python() {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path python = Path.of(System.getenv().getOrDefault("GANTRY_PYTHON", root.resolve(".venv/bin/python").toString()));
        Assumptions.assumeTrue(Files.isExecutable(python), "no Python venv with Pillow at " + python
                + ": scripts/test.sh makes it");
        return python;
    }

    /** What Pillow reads: "format width height mode", then the RGBA bytes in hex. */
    private List<String> decode(byte[] webp) throws Exception {
        Path file = tmp.resolve("image" + System.nanoTime() + ".webp");
        Files.write(file, webp);
        Process p = new ProcessBuilder(python().toString(), "-c", "import sys\nfrom PIL import Image\n"
                + "im = Image.open(sys.argv[1]); im.load()\n"
                + "print(im.format, im.size[0], im.size[1], im.mode)\nprint(im.convert('RGBA').tobytes().hex())",
                file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().toList();
    }

    private static String rgbaHex(int[] argb) {
        byte[] bytes = new byte[argb.length * 4];
        for (int i = 0; i < argb.length; i++) {
            bytes[4 * i] = (byte) (argb[i] >> 16);
            bytes[4 * i + 1] = (byte) (argb[i] >> 8);
            bytes[4 * i + 2] = (byte) argb[i];
            bytes[4 * i + 3] = (byte) (argb[i] >>> 24);
        }
        return HexFormat.of().formatHex(bytes);
    }

    private void roundTrips(int[] argb, int width, int height, String mode) throws Exception {
        List<String> decoded = decode(WebpLossless.encode(argb, width, height));
        assertThat(decoded.get(0)).isEqualTo("WEBP " + width + " " + height + " " + mode);
        assertThat(decoded.get(1)).isEqualTo(rgbaHex(argb));
    }

    @Test
    void greyGridsComeBackPixelForPixel() throws Exception {
        // mostly black with bright strokes, as an MNIST sample grid
        Random random = new Random(1);
        int w = 61;
        int h = 37;
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            int v = random.nextInt(4) == 0 ? random.nextInt(256) : 0;
            argb[i] = 0xff000000 | v << 16 | v << 8 | v;
        }
        roundTrips(argb, w, h, "RGB");
    }

    @Test
    void colourAlphaAndDegenerateImagesComeBackToo() throws Exception {
        Random random = new Random(2);
        int[] noise = new int[40 * 30];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextInt();
        }
        roundTrips(noise, 40, 30, "RGBA");
        roundTrips(new int[] {0xff102030}, 1, 1, "RGB");
        int[] flat = new int[300];
        java.util.Arrays.fill(flat, 0xff808080);
        roundTrips(flat, 20, 15, "RGB");
        // two grey levels only: the shortest codes
        int[] two = new int[64];
        for (int i = 0; i < two.length; i++) {
            two[i] = i % 3 == 0 ? 0xffffffff : 0xff000000;
        }
        roundTrips(two, 8, 8, "RGB");
        // every value of every channel used equally: flat 8-bit codes
        int[] all = new int[256 * 4];
        for (int i = 0; i < all.length; i++) {
            int v = i % 256;
            all[i] = 0xff000000 | v << 16 | ((v * 7) & 0xff) << 8 | ((v * 13) & 0xff);
        }
        roundTrips(all, 64, 16, "RGB");
    }

    @Test
    void thumbnailsAreMlflowsSize() throws Exception {
        BufferedImage grid = new BufferedImage(466, 582, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(grid, "png", png);
        // compress_image_size: the longer side becomes 256, int() of the other
        assertThat(decode(Thumbnail.webp(png.toByteArray())).get(0)).isEqualTo("WEBP 204 256 RGB");
    }
}
