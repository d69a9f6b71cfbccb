package io.gantry.plugins.dcgan;

import io.gantry.api.GeneratorArchitecture;
import io.gantry.api.ModelShape;
import io.gantry.api.Network;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.pf4j.Extension;

/**
 * The generator of Keras' "Conditional GAN" example (keras.io, MNIST): Dense to a 7x7 map with as many
 * channels as G has inputs (noise + one-hot class), leaky ReLU, two 4x4 stride-2 'same' transposed
 * convolutions of 128 channels with leaky ReLU, and a 7x7 'same' convolution to the image with sigmoid
 * (pixels in [0, 1]). No batch norm.
 */
@Extension
public class KerasCganGenerator implements GeneratorArchitecture {
    @Override
    public String name() {
        return "keras-cgan";
    }

    @Override
    public String description() {
        return "generator of Keras' Conditional GAN example: Dense 7x7x(inputs), 2x (4x4 stride-2 transposed conv 128, "
                + "leaky ReLU), 7x7 conv, sigmoid";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .integer("filters", 128, 1, 4096, "channels of the two transposed convolutions")
                .number("leaky_alpha", 0.2, 0.0, 1.0, "negative slope of leaky ReLU")
                .build();
    }

    @Override
    public Network build(Params p, ModelShape shape) {
        var image = shape.image();
        int start = DcganParams.startSize(image);
        int inputs = shape.latentDim();
        int filters = p.getInt("filters");
        var lrelu = new ActivationLReLU(p.getDouble("leaky_alpha"));
        var list = new NeuralNetConfiguration.Builder().seed(shape.seed()).weightInit(WeightInit.XAVIER_UNIFORM).list()
                .layer(new DenseLayer.Builder().nOut((long) start * start * inputs).activation(lrelu).build());
        list.inputPreProcessor(1, new FeedForwardToCnnPreProcessor(start, start, inputs));
        DcganParams.sameStride2Deconvolution(list, filters, 4, true, Activation.IDENTITY);
        list.layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder().activation(lrelu).build());
        DcganParams.sameStride2Deconvolution(list, filters, 4, true, Activation.IDENTITY);
        list.layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder().activation(lrelu).build());
        list.layer(new ConvolutionLayer.Builder().nOut(image.channels()).kernelSize(7, 7)
                .convolutionMode(ConvolutionMode.Same).activation(Activation.SIGMOID).build());
        list.setInputType(InputType.feedForward(inputs));
        return Network.of(new MultiLayerNetwork(list.build()));
    }
}
