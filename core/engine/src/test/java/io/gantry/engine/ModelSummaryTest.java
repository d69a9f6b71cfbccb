package io.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class ModelSummaryTest {
    @Test
    void batchNormRunningStatisticsAreNotTrainableAsInKeras() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nOut(10).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new DenseLayer.Builder().nOut(3).build())
                .setInputType(InputType.feedForward(5)).build());
        net.init();
        ModelSummary s = ModelSummary.of(net, InputType.feedForward(5));
        // Dense 5->10: 50 + 10; BN(10): gamma + beta = 20 trainable, mean + var = 20 not; Dense 10->3: 30 + 3.
        assertThat(s.trainable()).isEqualTo(60 + 20 + 33);
        assertThat(s.nonTrainable()).isEqualTo(20);
        assertThat(s.rows()).extracting(ModelSummary.Row::outputShape)
                .containsExactly("(batch, 10)", "(batch, 10)", "(batch, 3)");
        assertThat(s.trainable() + s.nonTrainable()).isEqualTo(net.numParams());
    }
}
