package io.gantry.plugins.dcgan;

import io.gantry.api.GeneratorArchitecture;
import io.gantry.api.ImageShape;
import io.gantry.api.ModelShape;
import io.gantry.api.Network;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.pf4j.Extension;

/**
 * Seed 000's DCGAN generator (TensorFlow): z as a 1x1 map, a 7x7 'valid' transposed convolution to
 * 7x7x256 (computed as the dense layer it equals, {@link DcganParams#projection}), then two 5x5
 * stride-2 'same' transposed convolutions to 14x14x128 and 28x28x1, batch norm
 * and leaky ReLU between, tanh out. No bias before batch norm, as in the article.
 */
@Extension
public class DcganGenerator implements GeneratorArchitecture {
    @Override
    public String name() {
        return "dcgan";
    }

    @Override
    public String description() {
        return "DCGAN generator of seed 000: 7x7 valid deconv, 2x (5x5 stride-2 deconv), BN + leaky ReLU, tanh";
    }

    @Override
    public ParameterSchema parameters() {
        return DcganParams.common()
                .integer("filters", 256, 1, null, "channels after the first transposed convolution; halved after")
                .build();
    }

    @Override
    public Network build(Params p, ModelShape shape) {
        ImageShape image = shape.image();
        int start = DcganParams.startSize(image);
        int filters = p.getInt("filters");
        int kernel = p.getInt("kernel");
        var lrelu = new ActivationLReLU(p.getDouble("leaky_alpha"));
        var list = new NeuralNetConfiguration.Builder()
                .seed(shape.seed())
                .weightInit(WeightInit.XAVIER_UNIFORM) // TensorFlow's glorot_uniform
                .list();
        DcganParams.projection(list, shape.latentDim(), filters, start,
                DcganParams.glorotUniformOfKernel(shape.latentDim(), filters, start));
        list.layer(DcganParams.batchNorm(p))
                .layer(new ActivationLayer.Builder().activation(lrelu).build());
        DcganParams.sameStride2Deconvolution(list, filters / 2, kernel, false, Activation.IDENTITY);
        list.layer(DcganParams.batchNorm(p))
                .layer(new ActivationLayer.Builder().activation(lrelu).build());
        DcganParams.sameStride2Deconvolution(list, image.channels(), kernel, true, Activation.TANH);
        list.setInputType(InputType.feedForward(shape.latentDim()));
        return Network.of(new MultiLayerNetwork(list.build()));
    }
}
