package io.gantry.examples.graph;

import io.gantry.api.DiscriminatorArchitecture;
import io.gantry.api.ModelShape;
import io.gantry.api.Network;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.pf4j.Extension;

/** A critic as a DL4J ComputationGraph: flatten, dense to the width, residual dense blocks, one logit. */
@Extension
public class ResidualMlpCritic implements DiscriminatorArchitecture {
    @Override
    public String name() {
        return "residual-mlp";
    }

    @Override
    public String description() {
        return "example: fully connected critic with residual blocks (a ComputationGraph), one logit";
    }

    @Override
    public ParameterSchema parameters() {
        return ResidualMlp.parameters();
    }

    @Override
    public Network build(Params p, ModelShape shape) {
        var image = shape.image();
        var graph = new NeuralNetConfiguration.Builder().seed(shape.seed()).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("image")
                .addLayer("in", new DenseLayer.Builder().nOut(p.getInt("width")).activation(Activation.LEAKYRELU)
                        .build(), "image");
        String x = ResidualMlp.blocks(graph, "in", p.getInt("width"), p.getInt("blocks"));
        graph.addLayer("logit", new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build(), x)
                .setOutputs("logit")
                .setInputTypes(InputType.convolutional(image.height(), image.width(), image.channels()));
        return Network.of(new ComputationGraph(graph.build()));
    }
}
