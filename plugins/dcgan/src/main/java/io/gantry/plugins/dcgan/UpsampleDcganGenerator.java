package io.gantry.plugins.dcgan;

import io.gantry.api.GeneratorArchitecture;
import io.gantry.api.ModelShape;
import io.gantry.api.Network;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.pf4j.Extension;

/**
 * Seed 004's generator (Keras): Dense 1024 tanh, Dense 128*7*7 with batch norm and tanh, reshape to
 * 128x7x7, then twice UpSampling2D(2) + Conv2D 5x5 'same' (64 channels with tanh, then the image's
 * channels with tanh).
 */
@Extension
public class UpsampleDcganGenerator implements GeneratorArchitecture {
    @Override
    public String name() {
        return "dcgan-upsample";
    }

    @Override
    public String description() {
        return "DCGAN generator of seed 004: Dense 1024 tanh, Dense 128x7x7 + BN + tanh, 2x (UpSampling2D, Conv2D 5x5)";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .integer("dense", 1024, 1, null, "width of the first Dense layer")
                .integer("filters", 128, 1, null, "channels of the reshaped map (the conv after it has half)")
                .number("bn_momentum", 0.99, 0.0, 1.0, "batch norm momentum (Keras default 0.99)")
                .number("bn_epsilon", 1e-3, 0.0, null, "batch norm epsilon (Keras default 0.001)")
                .build();
    }

    @Override
    public Network build(Params p, ModelShape shape) {
        var image = shape.image();
        int start = DcganParams.startSize(image);
        int filters = p.getInt("filters");
        var list = new NeuralNetConfiguration.Builder().seed(shape.seed()).weightInit(WeightInit.XAVIER_UNIFORM).list()
                .layer(new DenseLayer.Builder().nOut(p.getInt("dense")).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nOut(filters * start * start).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().decay(p.getDouble("bn_momentum")).eps(p.getDouble("bn_epsilon"))
                        .build())
                .layer(new ActivationLayer.Builder().activation(Activation.TANH).build())
                .layer(new Upsampling2D.Builder(2).build())
                .layer(new ConvolutionLayer.Builder().nOut(filters / 2).kernelSize(5, 5)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.TANH).build())
                .layer(new Upsampling2D.Builder(2).build())
                .layer(new ConvolutionLayer.Builder().nOut(image.channels()).kernelSize(5, 5)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.TANH).build())
                .inputPreProcessor(4, new FeedForwardToCnnPreProcessor(start, start, filters));
        list.setInputType(InputType.feedForward(shape.latentDim()));
        return Network.of(new MultiLayerNetwork(list.build()));
    }
}
