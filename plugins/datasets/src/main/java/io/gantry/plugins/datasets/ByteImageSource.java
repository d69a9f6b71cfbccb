package io.gantry.plugins.datasets;

import io.gantry.api.ImageShape;
import io.gantry.api.ImageSource;
import io.gantry.api.PixelRange;
import io.gantry.api.FloatBatch;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Images kept as the 8-bit values they were stored in (a quarter of float memory) and scaled to the
 * pixel range when a batch is assembled.
 */
final class ByteImageSource implements ImageSource {
    private final byte[] pixels;
    private final int count;
    private final ImageShape shape;
    private final PixelRange range;
    private final int[] labels;
    private final String description;
    private final float[] lut = new float[256];

    ByteImageSource(byte[] pixels, int count, ImageShape shape, PixelRange range, int[] labels, String description) {
        this.pixels = pixels;
        this.count = count;
        this.shape = shape;
        this.range = range;
        this.labels = labels;
        this.description = description;
        for (int v = 0; v < 256; v++) {
            lut[v] = range.fromByte(v);
        }
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public ImageShape shape() {
        return shape;
    }

    @Override
    public PixelRange pixelRange() {
        return range;
    }

    @Override
    public INDArray batch(int[] indices) {
        int per = shape.pixels();
        float[] out = new float[indices.length * per];
        for (int b = 0; b < indices.length; b++) {
            int src = indices[b] * per;
            int dst = b * per;
            for (int i = 0; i < per; i++) {
                out[dst + i] = lut[pixels[src + i] & 0xff];
            }
        }
        return FloatBatch.rowMajor(out, indices.length, shape.channels(), shape.height(), shape.width());
    }

    @Override
    public Optional<int[]> labels() {
        return Optional.ofNullable(labels);
    }

    @Override
    public String describe() {
        return description;
    }
}
