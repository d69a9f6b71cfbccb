package io.gantry.plugins.datasets;

import io.gantry.core.api.Dataset;
import io.gantry.core.api.DatasetContext;
import io.gantry.core.api.DatasetUnavailableException;
import io.gantry.core.api.ImageShape;
import io.gantry.core.api.ImageSource;
import io.gantry.core.param.ParameterSchema;
import io.gantry.core.param.Params;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** A labelled 28x28 grayscale dataset in MNIST's IDX format, 60,000 training and 10,000 test images. */
abstract class IdxDataset implements Dataset {
    private static final ImageShape SHAPE = new ImageShape(1, 28, 28);
    private final IdxFileSet files;

    IdxDataset(IdxFileSet files) {
        this.files = files;
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .choice("split", "train", List.of("train", "test"), "which split to train on")
                .integer("limit", 0, 0, null, "use only the first N images (0: all)")
                .build();
    }

    @Override
    public ImageShape shape(Params params) {
        return SHAPE;
    }

    @Override
    public ImageSource open(Params params, DatasetContext context) {
        Path dir = files.locate(context.dataDir());
        String prefix = params.getString("split").equals("train") ? "train" : "t10k";
        IdxFile images = IdxFile.read(files.file(dir, prefix + "-images-idx3-ubyte"), IdxFile.IMAGES_MAGIC);
        IdxFile labels = IdxFile.read(files.file(dir, prefix + "-labels-idx1-ubyte"), IdxFile.LABELS_MAGIC);
        if (images.dims()[1] != 28 || images.dims()[2] != 28 || images.dims()[0] != labels.dims()[0]) {
            throw new DatasetUnavailableException(files.name() + " files in " + dir + " disagree: images "
                    + Arrays.toString(images.dims()) + ", labels " + labels.dims()[0]);
        }
        int limit = params.getInt("limit");
        int n = limit > 0 ? Math.min(limit, images.dims()[0]) : images.dims()[0];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.data()[i] & 0xff;
        }
        return new ByteImageSource(images.data(), n, SHAPE, context.pixelRange(), y,
                name() + " " + params.getString("split") + " (" + n + " images) from " + dir);
    }
}
