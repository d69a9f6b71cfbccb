package io.gantry.plugins.datasets;

import io.gantry.core.api.Dataset;
import io.gantry.core.api.DatasetContext;
import io.gantry.core.api.DatasetUnavailableException;
import io.gantry.core.api.ImageShape;
import io.gantry.core.api.ImageSource;
import io.gantry.core.param.ParameterSchema;
import io.gantry.core.param.Params;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.Extension;

/** MNIST handwritten digits: 60,000 training and 10,000 test images of 28x28, with labels. */
@Extension
public class MnistDataset implements Dataset {
    private static final ImageShape SHAPE = new ImageShape(1, 28, 28);

    @Override
    public String name() {
        return "mnist";
    }

    @Override
    public String description() {
        return "MNIST digits, 28x28 grayscale, labelled; installed and verified on first use";
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
        Path dir = MnistFiles.locate(context.dataDir());
        String prefix = params.getString("split").equals("train") ? "train" : "t10k";
        IdxFile images = IdxFile.read(MnistFiles.file(dir, prefix + "-images-idx3-ubyte"), IdxFile.IMAGES_MAGIC);
        IdxFile labels = IdxFile.read(MnistFiles.file(dir, prefix + "-labels-idx1-ubyte"), IdxFile.LABELS_MAGIC);
        if (images.dims()[1] != 28 || images.dims()[2] != 28 || images.dims()[0] != labels.dims()[0]) {
            throw new DatasetUnavailableException("MNIST files in " + dir + " disagree: images "
                    + java.util.Arrays.toString(images.dims()) + ", labels " + labels.dims()[0]);
        }
        int limit = params.getInt("limit");
        int n = limit > 0 ? Math.min(limit, images.dims()[0]) : images.dims()[0];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.data()[i] & 0xff;
        }
        return new ByteImageSource(images.data(), n, SHAPE, context.pixelRange(), y,
                "mnist " + params.getString("split") + " (" + n + " images) from " + dir);
    }
}
