package io.gantry.plugins.dcgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.core.api.ImageShape;
import io.gantry.core.api.ModelShape;
import io.gantry.core.api.PixelRange;
import io.gantry.core.model.ModelSummary;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Seed 000's TensorFlow DCGAN, parameters derived by hand from the article's layer list. */
class DcganParameterCountTest {
    private static final ModelShape MNIST = new ModelShape(100, new ImageShape(1, 28, 28), PixelRange.TANH, 1);

    @Test
    void generatorMatchesSeed000() {
        var g = new DcganGenerator();
        MultiLayerNetwork net = g.build(g.parameters().bind(Map.of()), MNIST);
        net.init();
        // conv2d_transpose 100->256, 7x7, no bias: 100*256*49 = 1,254,400; BN(256): 512
        // conv2d_transpose 256->128, 5x5, no bias: 256*128*25 = 819,200;  BN(128): 256
        // conv2d_transpose 128->1, 5x5, bias:      128*25 + 1 = 3,201     total 2,077,569
        assertThat(ModelSummary.of(net, InputType.feedForward(100)).trainable()).isEqualTo(2_077_569);
        assertThat(net.output(Nd4j.zeros(3, 100)).shape()).containsExactly(3, 1, 28, 28);
    }

    @Test
    void discriminatorMatchesSeed000() {
        var d = new DcganDiscriminator();
        MultiLayerNetwork net = d.build(d.parameters().bind(Map.of()), MNIST);
        net.init();
        // conv2d 1->128, 5x5, no bias: 25*128 = 3,200;          BN(128): 256
        // conv2d 128->256, 5x5, no bias: 128*256*25 = 819,200;  BN(256): 512
        // conv2d 256->1, 7x7 valid, bias: 256*49 + 1 = 12,545   total 835,713
        assertThat(ModelSummary.of(net, InputType.convolutional(28, 28, 1)).trainable()).isEqualTo(835_713);
        assertThat(net.output(Nd4j.zeros(3, 1, 28, 28)).shape()).containsExactly(3, 1, 1, 1);
    }

    @Test
    void imagesThatTwoStride2StagesCannotReachAreRejectedClearly() {
        var g = new DcganGenerator();
        var odd = new ModelShape(100, new ImageShape(1, 30, 30), PixelRange.TANH, 1);
        assertThatThrownBy(() -> g.build(g.parameters().bind(Map.of()), odd))
                .hasMessageContaining("side divisible by 4").hasMessageContaining("1x30x30");
    }
}
