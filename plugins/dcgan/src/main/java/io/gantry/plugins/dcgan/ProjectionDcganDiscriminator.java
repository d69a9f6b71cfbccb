package io.gantry.plugins.dcgan;

import io.gantry.api.Conditioning;
import io.gantry.api.DiscriminatorArchitecture;
import io.gantry.api.ModelShape;
import io.gantry.api.Network;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.pf4j.Extension;

/**
 * A DCGAN discriminator with a projection head (Miyato and Koyama 2018): D(x, y) = psi(phi(x)) +
 * embed(y) . phi(x), where phi is two 4x4 stride-2 convolutions (the second with batch norm) and a
 * dense layer, psi a dense layer to one logit and embed a class embedding. It takes the concatenated
 * input every conditional discriminator gets, the image with one constant channel per class, and
 * splits it: the convolutions see only the image, the class enters only through the projection.
 *
 * <p>Built from stock DL4J vertices, so a saved D loads without Gantry: the class is read back from
 * its channels by global max pooling, and the dot product is an element-wise product summed by a
 * frozen dense layer of ones. The paper's spectral normalisation has no DL4J layer; batch norm stands in.
 */
@Extension
public class ProjectionDcganDiscriminator implements DiscriminatorArchitecture {
    @Override
    public String name() {
        return "projection-dcgan";
    }

    @Override
    public String description() {
        return "projection discriminator (Miyato and Koyama 2018) on a DCGAN body: 2x (4x4 stride-2 conv, leaky ReLU), "
                + "dense features phi, logit psi(phi) + embed(y) . phi; for conditioning.type projection";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .integer("filters", 64, 1, 4096, "channels of the first convolution; doubled in the second")
                .integer("features", 256, 1, 65536, "size of phi(x) and of each class embedding")
                .number("leaky_alpha", 0.2, 0.0, 1.0, "negative slope of leaky ReLU")
                .number("bn_momentum", 0.99, 0.0, 1.0, "batch norm running-average momentum")
                .number("bn_epsilon", 1e-3, 0.0, null, "batch norm epsilon")
                .build();
    }

    @Override
    public boolean accepts(Conditioning conditioning) {
        return conditioning == Conditioning.PROJECTION;
    }

    @Override
    public Network build(Params p, ModelShape shape) {
        if (shape.conditioning() != Conditioning.PROJECTION) {
            throw new IllegalArgumentException("projection-dcgan needs the run's classes (conditioning.type projection)");
        }
        var image = shape.image();
        if (image.height() % 4 != 0 || image.width() % 4 != 0) {
            throw new IllegalArgumentException("projection-dcgan needs image sides divisible by 4 (e.g. 28x28); "
                    + "this dataset has " + image.height() + "x" + image.width());
        }
        int channels = image.channels() - shape.labelChannels();
        int classes = shape.classes();
        int filters = p.getInt("filters");
        int features = p.getInt("features");
        var lrelu = new ActivationLReLU(p.getDouble("leaky_alpha"));
        // DL4J M2.1's SubsetVertex reports a wrong shape for channel subsets (from - to + 1 channels), so
        // sizes are given here rather than inferred from input types
        var side = new io.gantry.api.ImageShape(1, image.height() / 4, image.width() / 4);
        var graph = new NeuralNetConfiguration.Builder()
                .seed(shape.seed())
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .graphBuilder()
                .addInputs("input")
                .addVertex("image", new SubsetVertex(0, channels - 1), "input")
                .addVertex("label_maps", new SubsetVertex(channels, channels + classes - 1), "input")
                .addLayer("label", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "label_maps")
                .addLayer("conv1", new ConvolutionLayer.Builder().nIn(channels).nOut(filters).kernelSize(4, 4).stride(2, 2)
                        .padding(1, 1).convolutionMode(ConvolutionMode.Truncate).activation(lrelu).build(), "image")
                .addLayer("conv2", new ConvolutionLayer.Builder().nIn(filters).nOut(filters * 2L).kernelSize(4, 4).stride(2, 2)
                        .padding(1, 1).convolutionMode(ConvolutionMode.Truncate).hasBias(false)
                        .activation(Activation.IDENTITY).build(), "conv1")
                .addLayer("bn2", batchNorm(p, filters * 2), "conv2")
                .addLayer("act2", new ActivationLayer.Builder().activation(lrelu).build(), "bn2")
                .addLayer("phi", new DenseLayer.Builder().nIn(2L * filters * side.height() * side.width()).nOut(features)
                        .activation(lrelu).build(), "act2")
                .inputPreProcessor("phi", new CnnToFeedForwardPreProcessor(side.height(), side.width(), 2L * filters))
                .addLayer("psi", new DenseLayer.Builder().nIn(features).nOut(1).activation(Activation.IDENTITY).build(), "phi")
                .addLayer("embed", new DenseLayer.Builder().nIn(classes).nOut(features).hasBias(false)
                        .activation(Activation.IDENTITY).build(), "label")
                .addVertex("embed_phi", new ElementWiseVertex(ElementWiseVertex.Op.Product), "embed", "phi")
                // the dot product's sum: weights fixed at one, gradient passed through
                .addLayer("projection", new FrozenLayerWithBackprop(new DenseLayer.Builder().nIn(features).nOut(1)
                        .hasBias(false).weightInit(WeightInit.ONES).activation(Activation.IDENTITY).build()),
                        "embed_phi")
                .addVertex("logit", new ElementWiseVertex(ElementWiseVertex.Op.Add), "psi", "projection")
                .setOutputs("logit")
                .build();
        return Network.of(new ComputationGraph(graph));
    }

    private static BatchNormalization batchNorm(Params p, int channels) {
        return new BatchNormalization.Builder().nIn(channels).nOut(channels).decay(p.getDouble("bn_momentum"))
                .eps(p.getDouble("bn_epsilon")).build();
    }
}
