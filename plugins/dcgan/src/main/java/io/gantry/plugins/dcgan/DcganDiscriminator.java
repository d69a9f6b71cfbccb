package io.gantry.plugins.dcgan;

import io.gantry.api.DiscriminatorArchitecture;
import io.gantry.api.ImageShape;
import io.gantry.api.ModelShape;
import io.gantry.api.Network;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.pf4j.Extension;

/**
 * Seed 000's DCGAN discriminator: two 5x5 stride-2 'same' convolutions (128, 256 channels) with
 * batch norm and leaky ReLU, then a 7x7 'valid' convolution to one logit. The article's sigmoid is
 * left to the loss, which works on logits.
 */
@Extension
public class DcganDiscriminator implements DiscriminatorArchitecture {
    @Override
    public String name() {
        return "dcgan";
    }

    @Override
    public String description() {
        return "DCGAN discriminator of seed 000: 2x (5x5 stride-2 conv, BN, leaky ReLU), 7x7 valid conv to a logit";
    }

    @Override
    public ParameterSchema parameters() {
        return DcganParams.common()
                .integer("filters", 128, 1, null, "channels of the first convolution; doubled after")
                .build();
    }

    @Override
    public Network build(Params p, ModelShape shape) {
        ImageShape image = shape.image();
        int end = DcganParams.startSize(image);
        int filters = p.getInt("filters");
        int kernel = p.getInt("kernel");
        var lrelu = new ActivationLReLU(p.getDouble("leaky_alpha"));
        var list = new NeuralNetConfiguration.Builder()
                .seed(shape.seed())
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(new ConvolutionLayer.Builder().nOut(filters).kernelSize(kernel, kernel).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).hasBias(false)
                        .activation(Activation.IDENTITY).build())
                .layer(DcganParams.batchNorm(p))
                .layer(new ActivationLayer.Builder().activation(lrelu).build())
                .layer(new ConvolutionLayer.Builder().nOut(filters * 2).kernelSize(kernel, kernel).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).hasBias(false)
                        .activation(Activation.IDENTITY).build())
                .layer(DcganParams.batchNorm(p))
                .layer(new ActivationLayer.Builder().activation(lrelu).build())
                .layer(new ConvolutionLayer.Builder().nOut(1).kernelSize(end, end).stride(1, 1)
                        .convolutionMode(ConvolutionMode.Truncate).hasBias(true)
                        .activation(Activation.IDENTITY).build());
        list.setInputType(InputType.convolutional(image.height(), image.width(), image.channels()));
        return Network.of(new MultiLayerNetwork(list.build()));
    }
}
