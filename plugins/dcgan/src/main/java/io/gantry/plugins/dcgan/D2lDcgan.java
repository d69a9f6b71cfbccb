package io.gantry.plugins.dcgan;

import io.gantry.api.ImageShape;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;

/** What seed 003's generator and discriminator share: N(0, 0.02) weights, MXNet batch norm, 4x4 stages. */
final class D2lDcgan {
    private D2lDcgan() {
    }

    static ParameterSchema.Builder common() {
        return ParameterSchema.builder()
                .number("init_std", 0.02, 0.0, null, "standard deviation of the N(0, std) weight init")
                .number("bn_momentum", 0.9, 0.0, 1.0, "batch norm running-average momentum (MXNet default 0.9)")
                .number("bn_epsilon", 1e-5, 0.0, null, "batch norm epsilon (MXNet default 1e-5)");
    }

    static NeuralNetConfiguration.Builder builder(long seed, Params p) {
        return new NeuralNetConfiguration.Builder().seed(seed)
                .weightInit(new NormalDistribution(0, p.getDouble("init_std")));
    }

    static BatchNormalization batchNorm(Params p) {
        return new BatchNormalization.Builder().decay(p.getDouble("bn_momentum")).eps(p.getDouble("bn_epsilon"))
                .build();
    }

    /** Stride-2 stages between 4x4 and the image: 4 for 64x64. */
    static int doublings(ImageShape image) {
        int side = image.height();
        if (image.width() != side || side < 8 || Integer.bitCount(side) != 1) {
            throw new IllegalArgumentException("the dcgan-d2l architecture needs square images with a power-of-two "
                    + "side >= 8 (e.g. 64x64); this dataset has " + image
                    + " (image-folder can resize: set its 'size')");
        }
        return Integer.numberOfTrailingZeros(side) - 2;
    }
}
