package io.gantry.plugins.metrics;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * A bar chart of class shares: generated (filled) beside real (outlined), class index under each
 * pair. Digits are drawn from a 3x5 pixel font because a headless JVM may have no fonts at all.
 */
final class ClassHistogramImage {
    private static final int BAR = 14;
    private static final int GAP = 10;
    private static final int HEIGHT = 160;
    private static final int MARGIN = 12;
    private static final String[] DIGITS = {
        "111101101101111", "010110010010111", "111001111100111", "111001111001111", "101101111001001",
        "111100111001111", "111100111101111", "111001001001001", "111101111101111", "111101111001111"};

    private ClassHistogramImage() {
    }

    static BufferedImage render(double[] generated, double[] real) {
        int classes = generated.length;
        int width = 2 * MARGIN + classes * (2 * BAR + GAP);
        int height = HEIGHT + 2 * MARGIN + 16;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double top = 0;
        for (int c = 0; c < classes; c++) {
            top = Math.max(top, Math.max(generated[c], real[c]));
        }
        top = Math.max(top, 1e-9);
        int base = MARGIN + HEIGHT;
        g.setColor(new Color(0xDDDDDD));
        g.drawLine(MARGIN / 2, base, width - MARGIN / 2, base);
        for (int c = 0; c < classes; c++) {
            int x = MARGIN + c * (2 * BAR + GAP);
            int hg = (int) Math.round(HEIGHT * generated[c] / top);
            int hr = (int) Math.round(HEIGHT * real[c] / top);
            g.setColor(new Color(0x1F77B4));
            g.fillRect(x, base - hg, BAR, hg);
            g.setColor(new Color(0x555555));
            g.drawRect(x + BAR, base - hr, BAR - 1, hr);
            drawNumber(g, c, x + BAR - 4, base + 5);
        }
        g.dispose();
        return image;
    }

    private static void drawNumber(Graphics2D g, int value, int x, int y) {
        String text = Integer.toString(value);
        g.setColor(Color.BLACK);
        for (int i = 0; i < text.length(); i++) {
            String glyph = DIGITS[text.charAt(i) - '0'];
            for (int p = 0; p < 15; p++) {
                if (glyph.charAt(p) == '1') {
                    g.fillRect(x + i * 8 + (p % 3) * 2, y + (p / 3) * 2, 2, 2);
                }
            }
        }
    }
}
