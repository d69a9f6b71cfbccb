package io.gantry.plugins.resnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.ImageShape;
import io.gantry.api.ModelShape;
import io.gantry.api.Network;
import io.gantry.api.PixelRange;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ResnetShapesTest {

    private static ComputationGraph built(Network network) {
        ComputationGraph graph = ((Network.Graph) network).graph();
        graph.init();
        return graph;
    }

    @Test
    void generatorMakesImagesOfTheDatasetsSizeAndCriticOneLogitEach() {
        for (ImageShape image : new ImageShape[] {new ImageShape(1, 28, 28), new ImageShape(3, 32, 32)}) {
            ModelShape shape = new ModelShape(16, image, PixelRange.TANH, 1);
            var g = new ResnetGenerator();
            var d = new ResnetDiscriminator();
            ComputationGraph gNet = built(g.build(g.parameters().bind(Map.of("channels", 8)), shape));
            ComputationGraph dNet = built(d.build(d.parameters().bind(Map.of("channels", 8)), shape));

            INDArray images = gNet.outputSingle(false, Nd4j.randn(DataType.FLOAT, 3, 16));
            assertThat(images.shape()).containsExactly(3, image.channels(), image.height(), image.width());
            assertThat(images.amaxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
            assertThat(dNet.outputSingle(false, images).shape()).containsExactly(3, 1);
        }
    }

    /**
     * Parameters counted by hand for channels C = 8 at 28x28 (start 7x7, two up blocks), z of 16:
     * dense 16*49C + 49C; each up block: BN(C) 2C trainable, conv3x3 9C*C + C twice, BN 2C, conv1x1 C*C + C;
     * out: BN 2C, conv3x3 9C*1 + 1. Critic: first block conv3x3 9*1*C + C, conv3x3 9C*C + C, conv1x1 1*C + C;
     * second down block 2 x (9C*C + C) + C*C + C; two plain blocks 2 x 2 x (9C*C + C); dense C + 1.
     */
    @Test
    void trainableParametersAsCountedByHand() {
        int c = 8;
        ModelShape shape = new ModelShape(16, new ImageShape(1, 28, 28), PixelRange.TANH, 1);
        var g = new ResnetGenerator();
        var d = new ResnetDiscriminator();
        ComputationGraph gNet = built(g.build(g.parameters().bind(Map.of("channels", c)), shape));
        ComputationGraph dNet = built(d.build(d.parameters().bind(Map.of("channels", c)), shape));
        long upBlock = 2 * c + (9L * c * c + c) * 2 + 2 * c + (c * c + c);
        long gTrainable = (16L * 49 * c + 49 * c) + 2 * upBlock + 2 * c + (9L * c + 1);
        long bnStatistics = 2 * (2 * c + 2 * c) + 2 * c; // running mean and variance of five BN layers
        assertThat(gNet.numParams()).isEqualTo(gTrainable + bnStatistics);
        long dTrainable = (9L * c + c) + (9L * c * c + c) + (c + c)
                + 2 * (9L * c * c + c) + (c * c + c)
                + 4 * (9L * c * c + c)
                + (c + 1);
        assertThat(dNet.numParams()).isEqualTo(dTrainable);
    }
}
