package io.gantry.plugins.dcgan;

import io.gantry.api.DiscriminatorArchitecture;
import io.gantry.api.ModelShape;
import io.gantry.api.Network;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.pf4j.Extension;

/**
 * Seed 003's discriminator, the mirror of its generator: D_blocks (4x4 convolution, stride 2,
 * padding 1, no bias, batch norm, leaky ReLU 0.2) doubling the channels from n_D while halving the
 * side down to 4x4, then a 4x4 convolution without bias to one logit.
 */
@Extension
public class D2lDcganDiscriminator implements DiscriminatorArchitecture {
    @Override
    public String name() {
        return "dcgan-d2l";
    }

    @Override
    public String description() {
        return "DCGAN discriminator of seed 003 (d2l): 4x4 stride-2 conv blocks + BN + leaky ReLU 0.2, 4x4 conv";
    }

    @Override
    public ParameterSchema parameters() {
        return D2lDcgan.common()
                .integer("filters", 64, 1, null, "n_D: channels of the first block, doubled per block")
                .number("leaky_alpha", 0.2, 0.0, 1.0, "negative slope of leaky ReLU")
                .build();
    }

    @Override
    public Network build(Params p, ModelShape shape) {
        int blocks = D2lDcgan.doublings(shape.image());
        int base = p.getInt("filters");
        var lrelu = new ActivationLReLU(p.getDouble("leaky_alpha"));
        var list = D2lDcgan.builder(shape.seed(), p).list();
        for (int i = 0; i < blocks; i++) {
            list.layer(new ConvolutionLayer.Builder().nOut(base << i).kernelSize(4, 4).stride(2, 2).padding(1, 1)
                    .convolutionMode(ConvolutionMode.Truncate).hasBias(false).activation(Activation.IDENTITY).build());
            list.layer(D2lDcgan.batchNorm(p));
            list.layer(new ActivationLayer.Builder().activation(lrelu).build());
        }
        list.layer(new ConvolutionLayer.Builder().nOut(1).kernelSize(4, 4).stride(1, 1)
                .convolutionMode(ConvolutionMode.Truncate).hasBias(false).activation(Activation.IDENTITY).build());
        var image = shape.image();
        list.setInputType(InputType.convolutional(image.height(), image.width(), image.channels()));
        return Network.of(new MultiLayerNetwork(list.build()));
    }
}
