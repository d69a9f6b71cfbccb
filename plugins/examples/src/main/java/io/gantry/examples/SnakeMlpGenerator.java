package io.gantry.examples;

import io.gantry.api.GeneratorArchitecture;
import io.gantry.api.ModelShape;
import io.gantry.api.Network;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.pf4j.Extension;

/** A fully connected generator with Snake activations; tanh output for [-1, 1] pixels. */
@Extension
public class SnakeMlpGenerator implements GeneratorArchitecture {
    @Override
    public String name() {
        return "snake-mlp";
    }

    @Override
    public String description() {
        return "example: fully connected generator with Snake activations (a custom DL4J activation)";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .intList("hidden", List.of(256, 512), 1, "widths of the hidden Dense layers")
                .number("alpha", 1.0, 0.01, 100.0, "Snake frequency a in x + sin^2(a x) / a")
                .build();
    }

    @Override
    public Network build(Params p, ModelShape shape) {
        var list = new NeuralNetConfiguration.Builder().seed(shape.seed()).weightInit(WeightInit.XAVIER).list();
        for (int width : p.getIntList("hidden")) {
            list.layer(new DenseLayer.Builder().nOut(width).activation(new SnakeActivation(p.getDouble("alpha")))
                    .build());
        }
        list.layer(new DenseLayer.Builder().nOut(shape.image().pixels()).activation(Activation.TANH).build());
        list.setInputType(InputType.feedForward(shape.latentDim()));
        return Network.of(new MultiLayerNetwork(list.build()));
    }
}
