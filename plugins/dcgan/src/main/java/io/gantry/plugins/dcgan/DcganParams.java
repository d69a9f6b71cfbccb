package io.gantry.plugins.dcgan;

import io.gantry.core.api.ImageShape;
import io.gantry.core.param.ParameterSchema;
import io.gantry.core.param.Params;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;

/** What the DCGAN generator and discriminator share: kernel, leaky slope, batch norm settings. */
final class DcganParams {
    private DcganParams() {
    }

    static ParameterSchema.Builder common() {
        return ParameterSchema.builder()
                .integer("kernel", 5, 1, null, "kernel size of the stride-2 (transposed) convolutions")
                .number("leaky_alpha", 0.2, 0.0, 1.0, "negative slope of leaky ReLU (tf.nn.leaky_relu: 0.2)")
                .number("bn_momentum", 0.99, 0.0, 1.0, "batch norm running-average momentum (TF default 0.99)")
                .number("bn_epsilon", 1e-3, 0.0, null, "batch norm epsilon (TF default 0.001)");
    }

    static BatchNormalization batchNorm(Params p) {
        return new BatchNormalization.Builder().decay(p.getDouble("bn_momentum")).eps(p.getDouble("bn_epsilon"))
                .build();
    }

    /** Side of the first feature map: two stride-2 stages reach the image size from it. */
    static int startSize(ImageShape image) {
        if (image.height() != image.width() || image.height() % 4 != 0) {
            throw new IllegalArgumentException("the dcgan architecture needs square images with a side divisible "
                    + "by 4 (e.g. 28x28); this dataset has " + image);
        }
        return image.height() / 4;
    }
}
