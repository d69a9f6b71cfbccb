package io.gantry.plugins.metrics;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Map;

/**
 * A bar chart of class shares: generated (filled) beside real (outlined), class index under each
 * pair, a legend, the axes named and the top of the scale given. Text is drawn from a 3x5 pixel font
 * because a headless JVM may have no fonts at all.
 */
final class ClassHistogramImage {
    static final Color GENERATED = new Color(0x1F77B4);
    static final Color REAL = new Color(0x555555);
    private static final int BAR = 14;
    private static final int GAP = 10;
    private static final int HEIGHT = 160;
    private static final int MARGIN = 12;
    /** Room for the legend above the bars and for the share axis' label at the left. */
    static final int LEGEND = 16;
    private static final int AXIS = 30;
    /** 3x5 glyphs, rows top to bottom: what the chart's words and numbers need. */
    private static final Map<Character, String> GLYPHS = Map.ofEntries(
            Map.entry('0', "111101101101111"), Map.entry('1', "010110010010111"), Map.entry('2', "111001111100111"),
            Map.entry('3', "111001111001111"), Map.entry('4', "101101111001001"), Map.entry('5', "111100111001111"),
            Map.entry('6', "111100111101111"), Map.entry('7', "111001001001001"), Map.entry('8', "111101111101111"),
            Map.entry('9', "111101111001111"), Map.entry('A', "010101111101101"), Map.entry('C', "111100100100111"),
            Map.entry('D', "110101101101110"), Map.entry('E', "111100110100111"), Map.entry('G', "111100101101111"),
            Map.entry('H', "101101111101101"), Map.entry('L', "100100100100111"), Map.entry('N', "101111111111101"),
            Map.entry('R', "110101110101101"), Map.entry('S', "111100111001111"), Map.entry('T', "111010010010010"),
            Map.entry('%', "101001010100101"), Map.entry('.', "000000000000010"), Map.entry(' ', "000000000000000"));

    private ClassHistogramImage() {
    }

    static BufferedImage render(double[] generated, double[] real) {
        int classes = generated.length;
        int width = AXIS + 2 * MARGIN + classes * (2 * BAR + GAP);
        int height = LEGEND + HEIGHT + 2 * MARGIN + 28;
        BufferedImage image = new BufferedImage(Math.max(width, 190), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), height);
        double top = 0;
        for (int c = 0; c < classes; c++) {
            top = Math.max(top, Math.max(generated[c], real[c]));
        }
        top = Math.max(top, 1e-9);
        int left = AXIS + MARGIN;
        int base = LEGEND + MARGIN + HEIGHT;
        g.setColor(new Color(0xDDDDDD));
        g.drawLine(left - MARGIN / 2, base, width - MARGIN / 2, base);
        g.drawLine(left - MARGIN / 2, base, left - MARGIN / 2, base - HEIGHT);
        for (int c = 0; c < classes; c++) {
            int x = left + c * (2 * BAR + GAP);
            int hg = (int) Math.round(HEIGHT * generated[c] / top);
            int hr = (int) Math.round(HEIGHT * real[c] / top);
            g.setColor(GENERATED);
            g.fillRect(x, base - hg, BAR, hg);
            g.setColor(REAL);
            g.drawRect(x + BAR, base - hr, BAR - 1, hr);
            text(g, Integer.toString(c), x + BAR - 4, base + 5);
        }
        // the scale: the tallest bar's share at the top of the axis, 0 at its foot
        text(g, String.format(Locale.ROOT, "%.0f%%", 100 * top), 2, base - HEIGHT);
        text(g, "0%", 2 + 8, base - 10);
        text(g, "SHARE", 2, base - HEIGHT / 2);
        text(g, "CLASS", left + (width - left) / 2 - 20, base + 17);
        // legend
        g.setColor(GENERATED);
        g.fillRect(left, 4, 10, 10);
        text(g, "GENERATED", left + 14, 6);
        g.setColor(REAL);
        g.drawRect(left + 96, 4, 9, 9);
        text(g, "REAL", left + 110, 6);
        g.dispose();
        return image;
    }

    /** Draws {@code value} in the pixel font, 2x scale, top-left at (x, y); 8 px a character. */
    static void text(Graphics2D g, String value, int x, int y) {
        g.setColor(Color.BLACK);
        for (int i = 0; i < value.length(); i++) {
            String glyph = GLYPHS.get(value.charAt(i));
            if (glyph == null) {
                throw new IllegalArgumentException("no glyph for '" + value.charAt(i) + "'");
            }
            for (int p = 0; p < 15; p++) {
                if (glyph.charAt(p) == '1') {
                    g.fillRect(x + i * 8 + (p % 3) * 2, y + (p / 3) * 2, 2, 2);
                }
            }
        }
    }
}
