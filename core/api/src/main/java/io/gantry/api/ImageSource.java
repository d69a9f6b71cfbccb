package io.gantry.api;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A finite set of training images, addressable by index, already scaled to the pixel range asked for. */
public interface ImageSource {
    int size();

    ImageShape shape();

    PixelRange pixelRange();

    /** Images at the given indices as NCHW {@code [indices.length, c, h, w]}. */
    INDArray batch(int[] indices);

    /** Class labels 0..n-1 when the dataset has them. */
    Optional<int[]> labels();

    /** A one-line description for logs and provenance (files, checksums). */
    String describe();
}
