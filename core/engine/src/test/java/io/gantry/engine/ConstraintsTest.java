package io.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.Network;
import java.util.ArrayList;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.constraint.NonNegativeConstraint;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/** Constraints an architecture declares hold after Gantry's own updates, as they do after DL4J's fit(). */
class ConstraintsTest {

    @Test
    void nonNegativeWeightsOfTheCriticStayNonNegative() {
        MultiLayerNetwork d = critic(new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER).constrainWeights(new NonNegativeConstraint()));
        GanNetworks nets = withCritic(d);
        assertThat(d.getLayer(0).getParam("W").minNumber().doubleValue())
                .as("Xavier init draws negative weights, which the first update's constraint step removes")
                .isNegative();

        TinyGan.trainer(nets, new ArrayList<>(), 40).train(() -> false);

        for (Layer layer : d.getLayers()) {
            assertThat(layer.getParam("W").minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0);
        }
    }

    @Test
    void maxNormHoldsForEveryUnitOfTheCritic() {
        MultiLayerNetwork d = critic(new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER).constrainWeights(new MaxNormConstraint(0.2, 1)));
        GanNetworks nets = withCritic(d);

        TinyGan.trainer(nets, new ArrayList<>(), 40).train(() -> false);

        INDArray w = d.getLayer(0).getParam("W");
        INDArray norms = w.norm2(1); // the dimension the constraint was given
        assertThat(norms.maxNumber().doubleValue()).isLessThanOrEqualTo(0.2 + 1e-9);
    }

    private static MultiLayerNetwork critic(NeuralNetConfiguration.Builder builder) {
        return new MultiLayerNetwork(builder.list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.LEAKYRELU).build())
                .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(4, 4, 1)).build());
    }

    private static GanNetworks withCritic(MultiLayerNetwork d) {
        GanNetworks tiny = TinyGan.networks(3);
        return new GanNetworks(tiny.generator(), GanNetworks.withOptimizer(Network.of(d), new Adam(0.01, 0.5, 0.999, 1e-8)),
                TinyGan.SHAPE, TinyGan.LATENT);
    }
}
