package io.gantry.plugins.resnet;

import io.gantry.api.GeneratorArchitecture;
import io.gantry.api.ImageShape;
import io.gantry.api.InvalidParameterException;
import io.gantry.api.ModelShape;
import io.gantry.api.Network;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.pf4j.Extension;

/**
 * The ResNet generator of WGAN-GP and SNGAN (CIFAR-10: z, dense to 4x4, three up blocks, BN, ReLU,
 * conv3x3, tanh), sized for the data: from 7x7 with two up blocks for 28x28 images, from 4x4 with three
 * for 32x32.
 */
@Extension
public class ResnetGenerator implements GeneratorArchitecture {
    @Override
    public String name() {
        return "resnet";
    }

    @Override
    public String description() {
        return "residual generator (WGAN-GP/SNGAN): dense to s x s, up blocks (BN, ReLU, upsample, conv3x3) to the image";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .integer("channels", 64, 1, 1024, "feature maps of every block (the papers use 128-256 on CIFAR-10)")
                .build();
    }

    @Override
    public Network build(Params p, ModelShape shape) {
        ImageShape image = shape.image();
        int channels = p.getInt("channels");
        int ups = ResidualGraph.doublings(image.height());
        int start = image.height() >> ups;
        if (image.height() != image.width() || ups == 0) {
            throw new InvalidParameterException("channels", "generator 'resnet' makes square images of 4-7 x 2^n "
                    + "pixels (28, 32, 64, ...); the dataset has " + image + " images");
        }
        var graph = new NeuralNetConfiguration.Builder().seed(shape.seed()).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("z")
                .addLayer("dense", new DenseLayer.Builder().nOut((long) start * start * channels)
                        .activation(Activation.IDENTITY).build(), "z")
                .inputPreProcessor("up0_bn1", new FeedForwardToCnnPreProcessor(start, start, channels))
                .inputPreProcessor("up0_skip_up", new FeedForwardToCnnPreProcessor(start, start, channels));
        ResidualGraph blocks = new ResidualGraph(graph);
        String x = "dense";
        for (int i = 0; i < ups; i++) {
            x = blocks.up("up" + i, x, channels);
        }
        graph.addLayer("out_bn", new BatchNormalization.Builder().build(), x)
                .addLayer("out_relu", ResidualGraph.relu(), "out_bn")
                .addLayer("out_conv", ResidualGraph.conv(3, image.channels()), "out_relu")
                .addLayer("image", new ActivationLayer.Builder().activation(Activation.TANH).build(), "out_conv")
                .setOutputs("image")
                .setInputTypes(InputType.feedForward(shape.latentDim()));
        return Network.of(new ComputationGraph(graph.build()));
    }
}
