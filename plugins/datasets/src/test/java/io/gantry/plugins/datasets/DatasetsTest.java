package io.gantry.plugins.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.api.DatasetContext;
import io.gantry.api.DatasetUnavailableException;
import io.gantry.api.ImageSource;
import io.gantry.api.PixelRange;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class DatasetsTest {
    @TempDir
    Path dir;

    @Test
    void imageFolderResizesToRgbPlanesInThePixelRange() throws Exception {
        Path sprites = Files.createDirectories(dir.resolve("sprites/sub"));
        BufferedImage red = new BufferedImage(10, 20, BufferedImage.TYPE_INT_RGB);
        var g = red.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 10, 20);
        g.dispose();
        ImageIO.write(red, "png", sprites.resolve("a.png").toFile());
        ImageIO.write(red, "jpg", sprites.getParent().resolve("b.JPG").toFile());
        Files.writeString(sprites.resolve("notes.txt"), "not an image");

        var ds = new ImageFolderDataset();
        var params = ds.parameters().bind(Map.of("path", "sprites", "size", 8));
        ImageSource src = ds.open(params, new DatasetContext(dir, PixelRange.TANH));
        assertThat(src.size()).isEqualTo(2);
        assertThat(src.shape().toString()).isEqualTo("3x8x8");
        INDArray batch = src.batch(new int[] {0, 1});
        assertThat(batch.shape()).containsExactly(2, 3, 8, 8);
        // PNG red: R plane at +1, G and B planes at -1
        assertThat(batch.getDouble(1, 0, 4, 4)).isEqualTo(1.0);
        assertThat(batch.getDouble(1, 1, 4, 4)).isEqualTo(-1.0);
        assertThat(src.labels()).isEmpty();
    }

    @Test
    void imageFolderGrayscaleAndErrors() throws Exception {
        var ds = new ImageFolderDataset();
        assertThatThrownBy(() -> ds.open(ds.parameters().bind(Map.of("path", "nope")),
                new DatasetContext(dir, PixelRange.UNIT)))
                .isInstanceOf(DatasetUnavailableException.class).hasMessageContaining("is not a folder");
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> ds.open(ds.parameters().bind(Map.of("path", "empty")),
                new DatasetContext(dir, PixelRange.UNIT))).hasMessageContaining("no .png/.jpg/.jpeg files");
        assertThat(ds.shape(ds.parameters().bind(Map.of("path", "x", "color", "grayscale", "size", 28)))
                .toString()).isEqualTo("1x28x28");
    }

    @Test
    void fashionMnistFromDebiansPackageWhenInstalled() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
                "dataset-fashion-mnist not installed");
        var ds = new FashionMnistDataset();
        ImageSource src = ds.open(ds.parameters().bind(Map.of("split", "test")),
                new DatasetContext(dir, PixelRange.UNIT));
        assertThat(src.size()).isEqualTo(10_000);
        int[] counts = new int[10];
        for (int y : src.labels().orElseThrow()) {
            counts[y]++;
        }
        assertThat(counts).containsOnly(1000); // Fashion-MNIST's test set is balanced
    }

    @Test
    void missingFashionMnistSaysHowToInstallIt() {
        IdxFileSet nowhere = new IdxFileSet("Fashion-MNIST", "fashion-mnist", IdxFileSet.FASHION_MNIST.sha256(), true,
                java.util.List.of(), java.util.List.of(), " On Debian/Ubuntu: sudo apt install dataset-fashion-mnist.");
        assertThatThrownBy(() -> nowhere.locate(dir))
                .hasMessageStartingWith("Fashion-MNIST not found. Tried: " + dir.resolve("fashion-mnist"))
                .hasMessageEndingWith("sudo apt install dataset-fashion-mnist.");
    }
}
