package io.gantry.plugins.mlp;

import io.gantry.api.Conditioning;
import io.gantry.api.DiscriminatorArchitecture;
import io.gantry.api.ModelShape;
import io.gantry.api.Network;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.pf4j.Extension;

/** Seed 001's discriminator: flatten, Dense 512-256 with LeakyReLU(0.2), one logit. */
@Extension
public class MlpDiscriminator implements DiscriminatorArchitecture {
    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "fully connected discriminator: flatten, Dense + activation per hidden layer, one logit (and one "
                + "per class for conditioning.type auxiliary)";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .intList("hidden", List.of(512, 256), 1, "widths of the hidden Dense layers")
                .choice("activation", "leakyrelu", Activations.HIDDEN, "hidden activation")
                .number("leaky_alpha", 0.2, 0.0, 1.0, "negative slope of leakyrelu")
                .number("dropout", 0.0, 0.0, 0.99, "dropout rate after each hidden layer (0: none)")
                .build();
    }

    @Override
    public boolean accepts(Conditioning conditioning) {
        return conditioning != Conditioning.PROJECTION;
    }

    @Override
    public Network build(Params p, ModelShape shape) {
        var list = new NeuralNetConfiguration.Builder()
                .seed(shape.seed())
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list();
        var activation = Activations.of(p.getString("activation"), p.getDouble("leaky_alpha"));
        double dropout = p.getDouble("dropout");
        for (int width : p.getIntList("hidden")) {
            list.layer(new DenseLayer.Builder().nOut(width).activation(activation).build());
            if (dropout > 0) {
                // DL4J's dropout argument is the retain probability.
                list.layer(new DropoutLayer.Builder(1.0 - dropout).build());
            }
        }
        // one logit, and for an auxiliary classifier one more per class
        list.layer(new DenseLayer.Builder().nOut(shape.criticOutputs()).activation(Activation.IDENTITY).build());
        var image = shape.image();
        list.setInputType(InputType.convolutional(image.height(), image.width(), image.channels()));
        return Network.of(new MultiLayerNetwork(list.build()));
    }
}
