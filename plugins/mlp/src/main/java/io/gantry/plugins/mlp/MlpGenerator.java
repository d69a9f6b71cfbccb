package io.gantry.plugins.mlp;

import io.gantry.api.GeneratorArchitecture;
import io.gantry.api.ModelShape;
import io.gantry.api.Network;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.pf4j.Extension;

/**
 * Seed 001's generator: Dense 256-512-1024, each followed by LeakyReLU(0.2) and batch norm
 * (Keras momentum 0.8), then Dense to the image size with tanh.
 */
@Extension
public class MlpGenerator implements GeneratorArchitecture {
    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "fully connected generator: Dense + activation (+ batch norm) per hidden layer";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .intList("hidden", List.of(256, 512, 1024), 1, "widths of the hidden Dense layers")
                .choice("activation", "leakyrelu", Activations.HIDDEN, "hidden activation")
                .number("leaky_alpha", 0.2, 0.0, 1.0, "negative slope of leakyrelu")
                .bool("batch_norm", true, "batch norm after each hidden activation")
                .number("bn_momentum", 0.8, 0.0, 1.0, "batch norm running-average momentum (Keras meaning)")
                .number("bn_epsilon", 1e-3, 0.0, null, "batch norm epsilon")
                .choice("output_activation", "tanh", Activations.OUTPUT, "tanh for [-1,1] pixels, sigmoid for [0,1]")
                .build();
    }

    @Override
    public Network build(Params p, ModelShape shape) {
        var list = new NeuralNetConfiguration.Builder()
                .seed(shape.seed())
                .weightInit(WeightInit.XAVIER_UNIFORM) // Keras' glorot_uniform
                .list();
        var activation = Activations.of(p.getString("activation"), p.getDouble("leaky_alpha"));
        for (int width : p.getIntList("hidden")) {
            list.layer(new DenseLayer.Builder().nOut(width).activation(activation).build());
            if (p.getBoolean("batch_norm")) {
                list.layer(new BatchNormalization.Builder()
                        .decay(p.getDouble("bn_momentum")).eps(p.getDouble("bn_epsilon")).build());
            }
        }
        list.layer(new DenseLayer.Builder().nOut(shape.image().pixels())
                .activation(Activations.of(p.getString("output_activation"), 0)).build());
        list.setInputType(InputType.feedForward(shape.latentDim()));
        return Network.of(new MultiLayerNetwork(list.build()));
    }
}
