package io.gantry.runner.experiment;

import io.gantry.engine.SampleBatch;
import java.awt.image.BufferedImage;

/** Tiles generated images into one PNG (rows x cols, 2 px gaps), scaled up so small images stay visible. */
public final class SampleGridPng {
    private static final int GAP = 2;

    private SampleGridPng() {
    }

    public static byte[] render(SampleBatch s, int rows, int cols) {
        int h = s.shape().height();
        int w = s.shape().width();
        int scale = Math.max(1, 64 / Math.max(h, w));
        int tileH = h * scale;
        int tileW = w * scale;
        BufferedImage img = new BufferedImage(cols * (tileW + GAP) + GAP, rows * (tileH + GAP) + GAP,
                BufferedImage.TYPE_INT_RGB);
        int n = Math.min(s.count(), rows * cols);
        boolean rgb = s.shape().channels() >= 3;
        for (int i = 0; i < n; i++) {
            int x0 = GAP + (i % cols) * (tileW + GAP);
            int y0 = GAP + (i / cols) * (tileH + GAP);
            for (int y = 0; y < tileH; y++) {
                for (int x = 0; x < tileW; x++) {
                    int r = s.range().toByte(s.pixel(i, 0, y / scale, x / scale));
                    int g = rgb ? s.range().toByte(s.pixel(i, 1, y / scale, x / scale)) : r;
                    int b = rgb ? s.range().toByte(s.pixel(i, 2, y / scale, x / scale)) : r;
                    img.setRGB(x0 + x, y0 + y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return PngBytes.of(img);
    }
}
