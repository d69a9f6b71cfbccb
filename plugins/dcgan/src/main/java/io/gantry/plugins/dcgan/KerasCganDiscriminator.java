package io.gantry.plugins.dcgan;

import io.gantry.api.Conditioning;
import io.gantry.api.DiscriminatorArchitecture;
import io.gantry.api.ModelShape;
import io.gantry.api.Network;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.pf4j.Extension;

/**
 * The discriminator of Keras' "Conditional GAN" example: two 3x3 stride-2 'same' convolutions (64, 128
 * channels) with leaky ReLU, global max pooling, Dense to one logit (and one per class for an auxiliary
 * classifier).
 */
@Extension
public class KerasCganDiscriminator implements DiscriminatorArchitecture {
    @Override
    public String name() {
        return "keras-cgan";
    }

    @Override
    public String description() {
        return "discriminator of Keras' Conditional GAN example: 2x (3x3 stride-2 conv, leaky ReLU), global max pool, "
                + "Dense logit";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .integer("filters", 64, 1, 4096, "channels of the first convolution; doubled in the second")
                .number("leaky_alpha", 0.2, 0.0, 1.0, "negative slope of leaky ReLU")
                .build();
    }

    @Override
    public boolean accepts(Conditioning conditioning) {
        return conditioning != Conditioning.PROJECTION;
    }

    @Override
    public Network build(Params p, ModelShape shape) {
        var image = shape.image();
        int filters = p.getInt("filters");
        var lrelu = new ActivationLReLU(p.getDouble("leaky_alpha"));
        var list = new NeuralNetConfiguration.Builder().seed(shape.seed()).weightInit(WeightInit.XAVIER_UNIFORM).list()
                .layer(new ConvolutionLayer.Builder().nOut(filters).kernelSize(3, 3).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).activation(lrelu).build())
                .layer(new ConvolutionLayer.Builder().nOut(filters * 2L).kernelSize(3, 3).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).activation(lrelu).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(new DenseLayer.Builder().nOut(shape.criticOutputs()).activation(Activation.IDENTITY).build());
        list.setInputType(InputType.convolutional(image.height(), image.width(), image.channels()));
        return Network.of(new MultiLayerNetwork(list.build()));
    }
}
