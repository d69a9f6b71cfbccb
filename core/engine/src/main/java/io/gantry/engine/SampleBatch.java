package io.gantry.engine;

import io.gantry.api.ImageShape;
import io.gantry.api.PixelRange;

/**
 * Generated images as plain floats (NCHW, {@code count} images) so that consumers need no ND4J.
 */
public record SampleBatch(float[] pixels, int count, ImageShape shape, PixelRange range) {

    public float pixel(int image, int channel, int y, int x) {
        return pixels[((image * shape.channels() + channel) * shape.height() + y) * shape.width() + x];
    }
}
