package io.gantry.plugins.dcgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.api.ImageShape;
import io.gantry.api.ModelShape;
import io.gantry.api.PixelRange;
import io.gantry.engine.ModelSummary;
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
        MultiLayerNetwork net = ((io.gantry.api.Network.LayerStack) g.build(g.parameters().bind(Map.of()), MNIST)).net();
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
        MultiLayerNetwork net = ((io.gantry.api.Network.LayerStack) d.build(d.parameters().bind(Map.of()), MNIST)).net();
        net.init();
        // conv2d 1->128, 5x5, no bias: 25*128 = 3,200;          BN(128): 256
        // conv2d 128->256, 5x5, no bias: 128*256*25 = 819,200;  BN(256): 512
        // conv2d 256->1, 7x7 valid, bias: 256*49 + 1 = 12,545   total 835,713
        assertThat(ModelSummary.of(net, InputType.convolutional(28, 28, 1)).trainable()).isEqualTo(835_713);
        assertThat(net.output(Nd4j.zeros(3, 1, 28, 28)).shape()).containsExactly(3, 1, 1, 1);
    }

    private static final ModelShape POKEMON = new ModelShape(100, new ImageShape(3, 64, 64), PixelRange.TANH, 1);

    @Test
    void d2lGeneratorMatchesSeed003() {
        var g = new D2lDcganGenerator();
        MultiLayerNetwork net = ((io.gantry.api.Network.LayerStack) g.build(g.parameters().bind(Map.of()), POKEMON)).net();
        net.init();
        // G_block(512, 4/1/0): 100*512*16 = 819,200; BN 1,024
        // G_block(256): 512*256*16 = 2,097,152; BN 512
        // G_block(128): 256*128*16 = 524,288;   BN 256
        // G_block(64):  128*64*16 = 131,072;    BN 128
        // Conv2DTranspose(3, 4/2/1, no bias): 64*3*16 = 3,072        total 3,576,704
        assertThat(ModelSummary.of(net, InputType.feedForward(100)).trainable()).isEqualTo(3_576_704);
        assertThat(net.output(Nd4j.zeros(2, 100)).shape()).containsExactly(2, 3, 64, 64);
    }

    @Test
    void d2lDiscriminatorMatchesSeed003() {
        var d = new D2lDcganDiscriminator();
        MultiLayerNetwork net = ((io.gantry.api.Network.LayerStack) d.build(d.parameters().bind(Map.of()), POKEMON)).net();
        net.init();
        // D_block(64): 3*64*16 = 3,072;          BN 128
        // D_block(128): 64*128*16 = 131,072;     BN 256
        // D_block(256): 128*256*16 = 524,288;    BN 512
        // D_block(512): 256*512*16 = 2,097,152;  BN 1,024
        // Conv2D(1, 4, no bias): 512*16 = 8,192                       total 2,765,696
        assertThat(ModelSummary.of(net, InputType.convolutional(64, 64, 3)).trainable()).isEqualTo(2_765_696);
        assertThat(net.output(Nd4j.zeros(2, 3, 64, 64)).shape()).containsExactly(2, 1, 1, 1);
    }

    @Test
    void upsampleGeneratorMatchesSeed004() {
        var g = new UpsampleDcganGenerator();
        MultiLayerNetwork net = ((io.gantry.api.Network.LayerStack) g.build(g.parameters().bind(Map.of()), MNIST)).net();
        net.init();
        // Dense 100->1024: 102,400 + 1,024 = 103,424
        // Dense 1024->6272: 6,422,528 + 6,272 = 6,428,800; BN(6272) gamma/beta: 12,544
        // Conv2D 128->64 5x5 + bias: 204,800 + 64 = 204,864
        // Conv2D 64->1 5x5 + bias: 1,600 + 1 = 1,601                   total 6,751,233
        assertThat(ModelSummary.of(net, InputType.feedForward(100)).trainable()).isEqualTo(6_751_233);
        assertThat(net.output(Nd4j.zeros(2, 100)).shape()).containsExactly(2, 1, 28, 28);
    }

    @Test
    void upsampleDiscriminatorMatchesSeed004() {
        var d = new UpsampleDcganDiscriminator();
        MultiLayerNetwork net = ((io.gantry.api.Network.LayerStack) d.build(d.parameters().bind(Map.of()), MNIST)).net();
        net.init();
        // Conv2D 1->64 5x5 same + bias: 1,600 + 64 = 1,664; pool -> 14x14
        // Conv2D 64->128 5x5 valid + bias: 204,800 + 128 = 204,928 -> 10x10; pool -> 5x5
        // Dense 128*5*5=3,200 -> 1024: 3,276,800 + 1,024 = 3,277,824
        // Dense 1024 -> 1: 1,025                                        total 3,485,441
        assertThat(ModelSummary.of(net, InputType.convolutional(28, 28, 1)).trainable()).isEqualTo(3_485_441);
        assertThat(net.output(Nd4j.zeros(2, 1, 28, 28)).shape()).containsExactly(2, 1);
    }

    @Test
    void imagesThatTwoStride2StagesCannotReachAreRejectedClearly() {
        var g = new DcganGenerator();
        var odd = new ModelShape(100, new ImageShape(1, 30, 30), PixelRange.TANH, 1);
        assertThatThrownBy(() -> g.build(g.parameters().bind(Map.of()), odd))
                .hasMessageContaining("side divisible by 4").hasMessageContaining("1x30x30");
    }

    /** The fast 'same' transposed convolution gives what DL4J's Same mode gives: forward and both gradients. */
    @Test
    void sameStride2DeconvolutionEqualsDl4jSameMode() {
        for (int kernel : new int[] {3, 4, 5}) {
            var reference = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(7).list()
                    .layer(new org.deeplearning4j.nn.conf.layers.Deconvolution2D.Builder().nIn(3).nOut(2)
                            .kernelSize(kernel, kernel).stride(2, 2)
                            .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same).hasBias(true)
                            .activation(org.nd4j.linalg.activations.Activation.TANH).build());
            reference.setInputType(InputType.convolutional(7, 7, 3));
            var fast = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(7).list();
            DcganParams.sameStride2Deconvolution(fast, 2, kernel, true, org.nd4j.linalg.activations.Activation.TANH);
            fast.setInputType(InputType.convolutional(7, 7, 3));
            MultiLayerNetwork a = new MultiLayerNetwork(reference.build());
            MultiLayerNetwork b = new MultiLayerNetwork(fast.build());
            a.init();
            b.init();
            b.setParams(a.params());

            Nd4j.getRandom().setSeed(11L + kernel);
            var x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 3, 7, 7);
            var outA = a.output(x, true);
            var outB = b.output(x, true);
            assertThat(outB.shape()).as("kernel " + kernel).containsExactly(4, 2, 14, 14);
            assertThat(outB.sub(outA).amaxNumber().doubleValue()).as("kernel " + kernel).isLessThan(1e-5);

            var epsilon = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 2, 14, 14);
            var gradA = backward(a, x, epsilon);
            var gradB = backward(b, x, epsilon);
            // float sums in another order: the gradients agree to float precision relative to their size (the
            // parameter gradients sum 4 x 14 x 14 products, tens in size, so 1e-4 absolute was a coin toss)
            assertThat(gradB.getSecond().sub(gradA.getSecond()).amaxNumber().doubleValue())
                    .isLessThan(1e-5 * Math.max(1, gradA.getSecond().amaxNumber().doubleValue()));
            assertThat(gradB.getFirst().gradient().sub(gradA.getFirst().gradient()).amaxNumber().doubleValue())
                    .as("kernel " + kernel)
                    .isLessThan(1e-5 * Math.max(1, gradA.getFirst().gradient().amaxNumber().doubleValue()));
        }
    }

    /** The first layer as a dense layer computes the transposed convolution of z as a 1x1 map: forward, both gradients. */
    @Test
    void projectionEqualsValidTransposedConvolutionOfZ() {
        int latent = 5, filters = 3, side = 4;
        var reference = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(7).list()
                .layer(new org.deeplearning4j.nn.conf.layers.Deconvolution2D.Builder().nOut(filters)
                        .kernelSize(side, side).stride(1, 1)
                        .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Truncate).hasBias(false)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build());
        reference.inputPreProcessor(0,
                new org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor(1, 1, latent));
        reference.setInputType(InputType.feedForward(latent));
        var projection = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(7).list();
        DcganParams.projection(projection, latent, filters, side, null);
        projection.setInputType(InputType.feedForward(latent));
        MultiLayerNetwork a = new MultiLayerNetwork(reference.build());
        MultiLayerNetwork b = new MultiLayerNetwork(projection.build());
        a.init();
        b.init();
        var kernel = a.getLayer(0).getParam("W"); // [latent, filters, side, side]
        assertThat(kernel.shape()).containsExactly(latent, filters, side, side);
        b.getLayer(0).setParam("W", kernel.reshape('c', latent, (long) filters * side * side));
        assertThat(b.numParams()).isEqualTo(a.numParams());

        var z = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, 6, latent);
        var outA = a.output(z, true);
        // in a generator the next layer's preprocessor makes maps of it; here it is the last layer
        var outB = b.output(z, true).reshape('c', 6, filters, side, side);
        assertThat(outB.sub(outA).amaxNumber().doubleValue()).isLessThan(1e-5);

        var epsilon = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, 6, filters, side, side);
        var gradA = backward(a, z, epsilon);
        var gradB = backward(b, z, epsilon.reshape('c', 6, (long) filters * side * side));
        assertThat(gradB.getSecond().reshape(6, latent).sub(gradA.getSecond().reshape(6, latent))
                .amaxNumber().doubleValue()).isLessThan(1e-4);
        var kernelGradA = gradA.getFirst().getGradientFor("0_W").reshape('c', latent, (long) filters * side * side);
        assertThat(gradB.getFirst().getGradientFor("0_W").sub(kernelGradA).amaxNumber().doubleValue()).isLessThan(1e-4);
    }

    @Test
    void projectionStartsFromTheKernelsGlorotUniformRange() {
        var g = new DcganGenerator();
        MultiLayerNetwork net = ((io.gantry.api.Network.LayerStack) g.build(g.parameters().bind(Map.of()), MNIST)).net();
        net.init();
        // TF's glorot_uniform for a 7x7 kernel 100 -> 256: limit sqrt(6 / ((100 + 256) * 49)) = 0.01855
        var w = net.getLayer(0).getParam("W");
        assertThat(w.amaxNumber().doubleValue()).isLessThan(0.01855).isGreaterThan(0.0185);
        assertThat(w.stdNumber().doubleValue()).isCloseTo(0.01855 / Math.sqrt(3), org.assertj.core.data.Offset.offset(2e-4));
    }

    /** A training forward pass, then the backward pass from {@code epsilon}: (parameter gradients, input gradient). */
    private static org.nd4j.common.primitives.Pair<org.deeplearning4j.nn.gradient.Gradient, org.nd4j.linalg.api.ndarray.INDArray>
            backward(MultiLayerNetwork net, org.nd4j.linalg.api.ndarray.INDArray input,
                     org.nd4j.linalg.api.ndarray.INDArray epsilon) {
        net.setInput(input);
        net.feedForward(true, false);
        return net.backpropGradient(epsilon, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
    }

    /** Keras' Conditional GAN example, conditioned on 10 classes: G reads 128 + 10 numbers, D 1 + 10 channels. */
    @Test
    void kerasConditionalGanMatchesTheExample() {
        var conditioning = io.gantry.api.Conditioning.CONCAT;
        var g = new KerasCganGenerator();
        MultiLayerNetwork gNet = ((io.gantry.api.Network.LayerStack) g.build(g.parameters().bind(Map.of()),
                new ModelShape(138, new ImageShape(1, 28, 28), PixelRange.UNIT, 1, 10, conditioning))).net();
        gNet.init();
        // Dense 138 -> 7*7*138: 138*6762 + 6762 = 939,918; Conv2DTranspose 138->128 4x4: 282,752;
        // Conv2DTranspose 128->128 4x4: 262,272; Conv2D 128->1 7x7: 6,273      total 1,491,215
        assertThat(ModelSummary.of(gNet, InputType.feedForward(138)).trainable()).isEqualTo(1_491_215);
        assertThat(gNet.output(Nd4j.zeros(2, 138)).shape()).containsExactly(2, 1, 28, 28);

        var d = new KerasCganDiscriminator();
        MultiLayerNetwork dNet = ((io.gantry.api.Network.LayerStack) d.build(d.parameters().bind(Map.of()),
                new ModelShape(128, new ImageShape(11, 28, 28), PixelRange.UNIT, 2, 10, conditioning))).net();
        dNet.init();
        // Conv2D 11->64 3x3: 6,400; Conv2D 64->128 3x3: 73,856; Dense 128->1: 129      total 80,385
        assertThat(ModelSummary.of(dNet, InputType.convolutional(28, 28, 11)).trainable()).isEqualTo(80_385);
        assertThat(dNet.output(Nd4j.zeros(2, 11, 28, 28)).shape()).containsExactly(2, 1);
    }
}
