package io.gantry.examples;

import io.gantry.api.DiscriminatorArchitecture;
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

/** A fully connected discriminator with Snake activations and one logit. */
@Extension
public class SnakeMlpDiscriminator implements DiscriminatorArchitecture {
    @Override
    public String name() {
        return "snake-mlp";
    }

    @Override
    public String description() {
        return "example: fully connected discriminator with Snake activations, one logit";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .intList("hidden", List.of(512, 256), 1, "widths of the hidden Dense layers")
                .number("alpha", 1.0, 0.01, 100.0, "Snake frequency a in x + sin^2(a x) / a")
                .number("clip", 0.0, 0.0, null, "clip every weight to [-clip, clip] after each update (WGAN; 0: off)")
                .build();
    }

    @Override
    public Network build(Params p, ModelShape shape) {
        var builder = new NeuralNetConfiguration.Builder().seed(shape.seed()).weightInit(WeightInit.XAVIER);
        if (p.getDouble("clip") > 0) {
            builder.constrainWeights(new WeightClipping(p.getDouble("clip")));
        }
        var list = builder.list();
        for (int width : p.getIntList("hidden")) {
            list.layer(new DenseLayer.Builder().nOut(width).activation(new SnakeActivation(p.getDouble("alpha")))
                    .build());
        }
        list.layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build());
        var image = shape.image();
        list.setInputType(InputType.convolutional(image.height(), image.width(), image.channels()));
        return Network.of(new MultiLayerNetwork(list.build()));
    }
}
