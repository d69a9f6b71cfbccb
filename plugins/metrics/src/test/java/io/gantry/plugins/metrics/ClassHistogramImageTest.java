package io.gantry.plugins.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ClassHistogramImageTest {

    private static long count(BufferedImage image, int x0, int y0, int x1, int y1, Color color) {
        long n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                n += image.getRGB(x, y) == color.getRGB() ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void barsScaleToTheTallestShareAndTheChartHasALegendAndNamedAxes() {
        double[] generated = {0.5, 0.25, 0.25};
        double[] real = {0.25, 0.25, 0.5};
        BufferedImage image = ClassHistogramImage.render(generated, real);
        int legend = ClassHistogramImage.LEGEND;
        // legend row: the generated swatch and its word, the real swatch's outline and its word
        assertThat(count(image, 0, 0, image.getWidth(), legend, ClassHistogramImage.GENERATED)).isEqualTo(100);
        assertThat(count(image, 0, 0, image.getWidth(), legend, Color.BLACK)).isGreaterThan(100);
        assertThat(count(image, 0, 0, image.getWidth(), legend, ClassHistogramImage.REAL)).isEqualTo(36);
        // a filled bar of share 0.5 is the full 160 px tall, 14 wide; the two of 0.25 half of it
        long filled = count(image, 0, legend, image.getWidth(), image.getHeight(), ClassHistogramImage.GENERATED);
        assertThat(filled).isEqualTo(14L * (160 + 80 + 80));
        // the axis text left of the bars: "50%" at the top, "SHARE", "0%"
        assertThat(count(image, 0, legend, 40, image.getHeight(), Color.BLACK)).isGreaterThan(150);
    }
}
