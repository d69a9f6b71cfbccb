package io.gantry.plugins.dcgan;

import io.gantry.api.ImageShape;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;

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

    /**
     * Adds a 'same' transposed convolution with stride 2 (side doubles), as TensorFlow's
     * conv2d_transpose computes it. DL4J M2.1 runs a Same-mode Deconvolution2D without oneDNN
     * (measured 572 ms forward for seed 000's 256->128 layer at batch 128); the identical result
     * from a Truncate-mode one with padding (k-2)/2, cropped by one row and column at the bottom
     * right when k is odd, runs on oneDNN in 100 ms. Equality is asserted in DcganParameterCountTest.
     */
    static void sameStride2Deconvolution(NeuralNetConfiguration.ListBuilder list, int nOut, int kernel,
                                         boolean bias, Activation activation) {
        if (kernel < 2) {
            list.layer(new Deconvolution2D.Builder().nOut(nOut).kernelSize(kernel, kernel).stride(2, 2)
                    .convolutionMode(ConvolutionMode.Same).hasBias(bias).activation(activation).build());
            return;
        }
        int excess = kernel - 2;
        list.layer(new Deconvolution2D.Builder().nOut(nOut).kernelSize(kernel, kernel).stride(2, 2)
                .padding(excess / 2, excess / 2).convolutionMode(ConvolutionMode.Truncate).hasBias(bias)
                .activation(activation).build());
        if (excess % 2 == 1) {
            list.layer(new Cropping2D(0, 1, 0, 1));
        }
    }

    /**
     * The generator's first layer: a transposed convolution of z, seen as a 1x1 map, with a kernel as
     * large as its output ('valid', stride 1), to {@code filters} maps of {@code side}². That is a
     * dense layer from z to filters·side² reshaped, and is computed as one: DL4J's transposed
     * convolution of a 1x1 input took ~87 ms of seed 000's G step forward and backward, the same
     * product as a dense layer a few ms. Same function and parameter count (asserted in
     * DcganParameterCountTest). No bias (batch norm follows). {@code init} null: the network's default.
     */
    static void projection(NeuralNetConfiguration.ListBuilder list, int latent, int filters, int side,
                           IWeightInit init) {
        var dense = new DenseLayer.Builder().nIn(latent).nOut((long) filters * side * side).hasBias(false)
                .activation(Activation.IDENTITY);
        if (init != null) {
            dense.weightInit(init);
        }
        list.layer(0, dense.build());
        list.inputPreProcessor(1, new FeedForwardToCnnPreProcessor(side, side, filters));
    }

    /**
     * TensorFlow's glorot_uniform for a {@code side}x{@code side} transposed-convolution kernel from
     * {@code latent} to {@code filters} channels (fans latent·side² and filters·side²), which a dense
     * layer's own Xavier init (fans latent and filters·side²) would not reproduce.
     */
    static IWeightInit glorotUniformOfKernel(int latent, int filters, int side) {
        double limit = Math.sqrt(6.0 / ((double) (latent + filters) * side * side));
        return new WeightInitDistribution(new UniformDistribution(-limit, limit));
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
