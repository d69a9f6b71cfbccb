package io.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.kernels.Dl4jClasses;
import io.gantry.kernels.Kernels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class ModelZipTest {

    /** Dense, convolution and pooling twins, and the three activation twins. */
    private static MultiLayerNetwork withTwins() {
        return GanNetworks.withOptimizer(new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.LEAKYRELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(6, 6, 1)).build()), new Adam(0.01));
    }

    private static byte[] zip(MultiLayerNetwork net) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelZip.write(TinyGan.trainable(net), out);
        return out.toByteArray();
    }

    private static String configurationOf(byte[] zip) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals("configuration.json")) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no configuration.json");
    }

    @Test
    void savedModelsNameOnlyDl4jClassesAndDl4jRestoresTheSameFunction() throws Exception {
        assertThat(Kernels.enabled()).as("this test is about the twins being saved as DL4J classes").isTrue();
        MultiLayerNetwork net = withTwins();
        assertThat(net.getLayerWiseConfigurations().toJson()).contains("io.gantry.kernels.");
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 6, 6);
        INDArray expected = net.output(x);

        byte[] zip = zip(net);

        assertThat(configurationOf(zip)).doesNotContain("io.gantry").contains("ActivationLReLU", "ActivationTanH");
        assertThat(net.getLayerWiseConfigurations().toJson()).as("the twins are back after saving")
                .contains("io.gantry.kernels.");
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), true);
        assertThat(restored.output(x)).isEqualTo(expected);
    }

    @Test
    void aRestoredModelTrainsWithTheTwinsAndTheSameState() throws Exception {
        GanNetworks nets = TinyGan.networks(1, true);
        TinyGan.trainer(nets, new java.util.ArrayList<>(), 5).train(() -> false); // updater state, iterations
        MultiLayerNetwork net = TinyGan.stack(nets.generator());
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip(net)), true);

        MultiLayerNetwork training = TinyGan.stack(ModelZip.forTraining(io.gantry.api.Network.of(restored)));

        assertThat(training.getLayerWiseConfigurations().toJson()).contains("io.gantry.kernels.");
        assertThat(training.params()).isEqualTo(net.params());
        assertThat(training.getUpdater().getStateViewArray()).isEqualTo(net.getUpdater().getStateViewArray());
        assertThat(training.getIterationCount()).isEqualTo(net.getIterationCount()).isPositive();
        INDArray z = Nd4j.rand(DataType.DOUBLE, 4, TinyGan.LATENT);
        assertThat(training.output(z)).isEqualTo(net.output(z));
    }

    @Test
    void configurationsWrittenBeforeApi2ReadAsDl4jClasses() throws Exception {
        String plain = configurationOf(zip(withTwins()));
        String legacy = plain.replace("\"org.deeplearning4j.nn.conf.layers.DenseLayer\"",
                        "\"io.gantry.core.nn.NoRecompute$DenseLayer\"")
                .replace("\"org.nd4j.linalg.activations.impl.ActivationTanH\"", "\"io.gantry.core.nn.VectorTanh\"")
                .replace("\"org.deeplearning4j.nn.conf.layers.SubsamplingLayer\"",
                        "\"io.gantry.core.nn.VectorPooling$SubsamplingLayer\"");
        assertThat(legacy).isNotEqualTo(plain);
        assertThat(Dl4jClasses.isLegacyJson(legacy)).isTrue();
        assertThat(Dl4jClasses.fromLegacyJson(legacy)).isEqualTo(plain);
    }
}
