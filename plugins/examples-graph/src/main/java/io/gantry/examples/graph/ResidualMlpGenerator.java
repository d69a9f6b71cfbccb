package io.gantry.examples.graph;

import io.gantry.api.GeneratorArchitecture;
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

/** A generator as a DL4J ComputationGraph: dense to the width, residual dense blocks, tanh pixels. */
@Extension
public class ResidualMlpGenerator implements GeneratorArchitecture {
    @Override
    public String name() {
        return "residual-mlp";
    }

    @Override
    public String description() {
        return "example: fully connected generator with residual blocks (a ComputationGraph)";
    }

    @Override
    public ParameterSchema parameters() {
        return ResidualMlp.parameters();
    }

    @Override
    public Network build(Params p, ModelShape shape) {
        var graph = new NeuralNetConfiguration.Builder().seed(shape.seed()).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("z")
                .addLayer("in", new DenseLayer.Builder().nOut(p.getInt("width")).activation(Activation.LEAKYRELU)
                        .build(), "z");
        String x = ResidualMlp.blocks(graph, "in", p.getInt("width"), p.getInt("blocks"));
        graph.addLayer("pixels", new DenseLayer.Builder().nOut(shape.image().pixels()).activation(Activation.TANH)
                        .build(), x)
                .setOutputs("pixels")
                .setInputTypes(InputType.feedForward(shape.latentDim()));
        return Network.of(new ComputationGraph(graph.build()));
    }
}
