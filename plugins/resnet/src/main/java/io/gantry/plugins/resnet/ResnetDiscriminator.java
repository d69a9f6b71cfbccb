package io.gantry.plugins.resnet;

import io.gantry.api.DiscriminatorArchitecture;
import io.gantry.api.ImageShape;
import io.gantry.api.ModelShape;
import io.gantry.api.Network;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.pf4j.Extension;

/**
 * The ResNet critic of WGAN-GP and SNGAN (CIFAR-10: two down blocks, two constant blocks, ReLU, global
 * sum pooling, one logit), without normalisation (WGAN-GP's critic has none; SNGAN's spectral
 * normalisation has no DL4J layer). 28x28 images go 28, 14, 7; 32x32 go 32, 16, 8.
 */
@Extension
public class ResnetDiscriminator implements DiscriminatorArchitecture {
    @Override
    public String name() {
        return "resnet";
    }

    @Override
    public String description() {
        return "residual critic (WGAN-GP/SNGAN): 2 down blocks, 2 blocks, ReLU, global sum pooling, one logit";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .integer("channels", 64, 1, 1024, "feature maps of every block (the papers use 128 on CIFAR-10)")
                .build();
    }

    @Override
    public Network build(Params p, ModelShape shape) {
        ImageShape image = shape.image();
        int channels = p.getInt("channels");
        var graph = new NeuralNetConfiguration.Builder().seed(shape.seed()).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("image");
        ResidualGraph blocks = new ResidualGraph(graph);
        String x = blocks.down("down0", "image", channels, true);
        x = blocks.down("down1", x, channels, false);
        x = blocks.plain("block2", x, channels);
        x = blocks.plain("block3", x, channels);
        graph.addLayer("relu", ResidualGraph.relu(), x)
                .addLayer("sum", new GlobalPoolingLayer.Builder(PoolingType.SUM).build(), "relu")
                .addLayer("logit", new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build(), "sum")
                .setOutputs("logit")
                .setInputTypes(InputType.convolutional(image.height(), image.width(), image.channels()));
        return Network.of(new ComputationGraph(graph.build()));
    }
}
