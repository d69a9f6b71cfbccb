package io.gantry.plugins.dcgan;

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
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.pf4j.Extension;

/**
 * Seed 004's discriminator (Keras): Conv2D 64 5x5 'same' tanh, max-pool 2, Conv2D 128 5x5 'valid'
 * tanh, max-pool 2, flatten, Dense 1024 tanh, one logit (the article's sigmoid is in the loss).
 */
@Extension
public class UpsampleDcganDiscriminator implements DiscriminatorArchitecture {
    @Override
    public String name() {
        return "dcgan-upsample";
    }

    @Override
    public String description() {
        return "DCGAN discriminator of seed 004: 2x (Conv2D 5x5 tanh, max-pool), Dense 1024 tanh, logit";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .integer("filters", 64, 1, null, "channels of the first convolution (the second has twice)")
                .integer("dense", 1024, 1, null, "width of the Dense layer before the logit")
                .build();
    }

    @Override
    public Network build(Params p, ModelShape shape) {
        var image = shape.image();
        int filters = p.getInt("filters");
        var list = new NeuralNetConfiguration.Builder().seed(shape.seed()).weightInit(WeightInit.XAVIER_UNIFORM).list()
                .layer(new ConvolutionLayer.Builder().nOut(filters).kernelSize(5, 5)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.TANH).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder().nOut(filters * 2).kernelSize(5, 5)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.TANH).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder().nOut(p.getInt("dense")).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build());
        list.setInputType(InputType.convolutional(image.height(), image.width(), image.channels()));
        return Network.of(new MultiLayerNetwork(list.build()));
    }
}
