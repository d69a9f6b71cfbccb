package io.gantry.plugins.datasets;

import io.gantry.api.Dataset;
import io.gantry.api.DatasetContext;
import io.gantry.api.DatasetUnavailableException;
import io.gantry.api.ImageShape;
import io.gantry.api.ImageSource;
import io.gantry.api.LabelledData;
import io.gantry.api.PixelRange;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A labelled 28x28 grayscale dataset in MNIST's IDX format, 60,000 training and 10,000 test images. */
abstract class IdxDataset implements Dataset {
    private static final ImageShape SHAPE = new ImageShape(1, 28, 28);
    private final IdxFileSet files;
    private final List<String> classNames;

    IdxDataset(IdxFileSet files, List<String> classNames) {
        this.files = files;
        this.classNames = List.copyOf(classNames);
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
        return open(files.locate(context.dataDir()), params.getString("split"), params.getInt("limit"),
                context.pixelRange());
    }

    @Override
    public boolean labelled(Params params) {
        return true;
    }

    @Override
    public Optional<LabelledData> openLabelled(Params params, DatasetContext context) {
        Path dir = files.locate(context.dataDir());
        return Optional.of(new LabelledData(open(dir, "train", 0, context.pixelRange()),
                open(dir, "test", 0, context.pixelRange()), files.fingerprint(), classNames));
    }

    private ImageSource open(Path dir, String split, int limit, PixelRange range) {
        String prefix = split.equals("train") ? "train" : "t10k";
        IdxFile images = IdxFile.read(files.file(dir, prefix + "-images-idx3-ubyte"), IdxFile.IMAGES_MAGIC);
        IdxFile labels = IdxFile.read(files.file(dir, prefix + "-labels-idx1-ubyte"), IdxFile.LABELS_MAGIC);
        if (images.dims()[1] != 28 || images.dims()[2] != 28 || images.dims()[0] != labels.dims()[0]) {
            throw new DatasetUnavailableException(files.name() + " files in " + dir + " disagree: images "
                    + Arrays.toString(images.dims()) + ", labels " + labels.dims()[0]);
        }
        int n = limit > 0 ? Math.min(limit, images.dims()[0]) : images.dims()[0];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.data()[i] & 0xff;
        }
        return new ByteImageSource(images.data(), n, SHAPE, range, y, name() + " " + split + " (" + n
                + " images) from " + dir);
    }
}
