package io.gantry.plugins.mlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.ImageShape;
import io.gantry.api.ModelShape;
import io.gantry.api.PixelRange;
import io.gantry.engine.ModelSummary;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/** Seed 001's Keras summary, derived by hand, must be what we build. */
class MlpParameterCountTest {
    private static final ModelShape MNIST = new ModelShape(100, new ImageShape(1, 28, 28), PixelRange.TANH, 1);

    @Test
    void generatorMatchesSeed001() {
        var g = new MlpGenerator();
        MultiLayerNetwork net = ((io.gantry.api.Network.LayerStack) g.build(g.parameters().bind(Map.of()), MNIST)).net();
        net.init();
        // Dense 100->256: 25,600 + 256 = 25,856; BN(256) gamma/beta: 512
        // Dense 256->512: 131,072 + 512 = 131,584; BN(512): 1,024
        // Dense 512->1024: 524,288 + 1,024 = 525,312; BN(1024): 2,048
        // Dense 1024->784: 802,816 + 784 = 803,600          total trainable 1,489,936
        // BN moving mean/variance: 2 x (256 + 512 + 1024) = 3,584 non-trainable
        ModelSummary s = ModelSummary.of(net, InputType.feedForward(100));
        assertThat(s.trainable()).isEqualTo(1_489_936);
        assertThat(s.nonTrainable()).isEqualTo(3_584);
    }

    @Test
    void discriminatorMatchesSeed001() {
        var d = new MlpDiscriminator();
        MultiLayerNetwork net = ((io.gantry.api.Network.LayerStack) d.build(d.parameters().bind(Map.of()), MNIST)).net();
        net.init();
        // Dense 784->512: 401,408 + 512 = 401,920; Dense 512->256: 131,072 + 256 = 131,328;
        // Dense 256->1: 256 + 1 = 257                        total 533,505
        assertThat(ModelSummary.of(net, InputType.convolutional(28, 28, 1)).trainable()).isEqualTo(533_505);
    }
}
