package io.gantry.plugins.dcgan;

import io.gantry.api.GeneratorArchitecture;
import io.gantry.api.ModelShape;
import io.gantry.api.Network;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.pf4j.Extension;

/**
 * Seed 003's generator (Dive into Deep Learning, 14.2): z as a 1x1 map, G_block(8n, 4/1/0) to 4x4,
 * then G_blocks (4x4 transposed convolution, stride 2, padding 1, no bias, batch norm, ReLU) halving
 * the channels while doubling the side, and a last 4/2/1 transposed convolution to the image's
 * channels with tanh. Weights N(0, 0.02); batch norm as MXNet's (momentum 0.9, eps 1e-5).
 */
@Extension
public class D2lDcganGenerator implements GeneratorArchitecture {
    @Override
    public String name() {
        return "dcgan-d2l";
    }

    @Override
    public String description() {
        return "DCGAN generator of seed 003 (d2l): 4x4 transposed conv blocks + BN + ReLU, tanh; 64x64 RGB";
    }

    @Override
    public ParameterSchema parameters() {
        return D2lDcgan.common()
                .integer("filters", 64, 1, null, "n_G: channels of the last block (the first has n_G * 2^(blocks-1))")
                .build();
    }

    @Override
    public Network build(Params p, ModelShape shape) {
        int doublings = D2lDcgan.doublings(shape.image());
        int base = p.getInt("filters");
        var list = D2lDcgan.builder(shape.seed(), p).list();
        // 1x1 -> 4x4: ConvTranspose2d(latent, 8 n_G, 4, 1, 0), computed as the dense layer it equals
        DcganParams.projection(list, shape.latentDim(), base << (doublings - 1), 4, null);
        list.layer(D2lDcgan.batchNorm(p));
        list.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
        for (int i = doublings - 2; i >= 0; i--) {
            list.layer(block(base << i, 2, 1));
            list.layer(D2lDcgan.batchNorm(p));
            list.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
        }
        list.layer(new Deconvolution2D.Builder().nOut(shape.image().channels()).kernelSize(4, 4).stride(2, 2)
                .padding(1, 1).convolutionMode(ConvolutionMode.Truncate).hasBias(false)
                .activation(Activation.TANH).build());
        list.setInputType(InputType.feedForward(shape.latentDim()));
        return Network.of(new MultiLayerNetwork(list.build()));
    }

    private static Deconvolution2D block(int channels, int stride, int padding) {
        return new Deconvolution2D.Builder().nOut(channels).kernelSize(4, 4).stride(stride, stride)
                .padding(padding, padding).convolutionMode(ConvolutionMode.Truncate).hasBias(false)
                .activation(Activation.IDENTITY).build();
    }
}
