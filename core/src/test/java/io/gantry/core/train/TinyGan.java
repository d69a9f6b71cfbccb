package io.gantry.core.train;

import io.gantry.core.api.GanLoss;
import io.gantry.core.api.ImageShape;
import io.gantry.core.api.ImageSource;
import io.gantry.core.api.NoiseSampler;
import io.gantry.core.api.PixelRange;
import java.util.Optional;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

/** A small GAN on 4x4 images, built without plugins, for engine tests. Double precision for gradient checks. */
final class TinyGan {
    static final ImageShape SHAPE = new ImageShape(1, 4, 4);
    static final int LATENT = 3;

    private TinyGan() {
    }

    static GanNetworks networks(long seed) {
        return networks(seed, false);
    }

    /** @param dBatchNorm give D a batch-norm layer (its running statistics are parameters too) */
    static GanNetworks networks(long seed, boolean dBatchNorm) {
        return networks(seed, dBatchNorm, new Adam(0.01, 0.5, 0.999, 1e-8));
    }

    static GanNetworks networks(long seed, boolean dBatchNorm, org.nd4j.linalg.learning.config.IUpdater updater) {
        MultiLayerNetwork g = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.LEAKYRELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new DenseLayer.Builder().nOut(SHAPE.pixels()).activation(Activation.TANH).build())
                .setInputType(InputType.feedForward(LATENT)).build());
        var dLayers = new NeuralNetConfiguration.Builder().seed(seed + 1)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.LEAKYRELU).build());
        if (dBatchNorm) {
            dLayers.layer(new BatchNormalization.Builder().build());
        }
        MultiLayerNetwork d = new MultiLayerNetwork(dLayers
                .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(4, 4, 1)).build());
        return new GanNetworks(GanNetworks.withOptimizer(g, updater.clone()),
                GanNetworks.withOptimizer(d, updater.clone()), SHAPE, LATENT);
    }

    static NoiseSampler noise() {
        return (batch, dim, rng) -> {
            double[] v = new double[batch * dim];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextDouble(-1, 1);
            }
            return Nd4j.create(v, new long[] {batch, dim}, DataType.DOUBLE);
        };
    }

    /** Non-saturating BCE on logits, written plainly (the losses plugin has the production one). */
    static GanLoss loss() {
        return new GanLoss() {
            @Override
            public LossGradient discriminatorReal(INDArray x) {
                return towards(x, 1);
            }

            @Override
            public LossGradient discriminatorFake(INDArray x) {
                return towards(x, 0);
            }

            @Override
            public LossGradient generator(INDArray x) {
                return towards(x, 1);
            }

            private LossGradient towards(INDArray x, double target) {
                INDArray p = Transforms.sigmoid(x, true);
                double loss = 0;
                for (int i = 0; i < x.length(); i++) {
                    double xi = x.getDouble(i);
                    loss += Math.max(xi, 0) - xi * target + Math.log1p(Math.exp(-Math.abs(xi)));
                }
                return new LossGradient(loss / x.length(), p.subi(target).divi(x.length()));
            }
        };
    }

    /** Bright squares on a dark background: 64 images. */
    static ImageSource data() {
        return new ImageSource() {
            @Override
            public int size() {
                return 64;
            }

            @Override
            public ImageShape shape() {
                return SHAPE;
            }

            @Override
            public PixelRange pixelRange() {
                return PixelRange.TANH;
            }

            @Override
            public INDArray batch(int[] indices) {
                INDArray out = Nd4j.zeros(DataType.DOUBLE, indices.length, 1, 4, 4).subi(1);
                for (int i = 0; i < indices.length; i++) {
                    int o = indices[i] % 3;
                    for (int y = o; y < o + 2; y++) {
                        for (int x = o; x < o + 2; x++) {
                            out.putScalar(new long[] {i, 0, y, x}, 1.0);
                        }
                    }
                }
                return out;
            }

            @Override
            public Optional<int[]> labels() {
                return Optional.empty();
            }

            @Override
            public String describe() {
                return "squares";
            }
        };
    }

    /** A trainer over this GAN that records every step's metrics into {@code seen}. */
    static GanTrainer trainer(GanNetworks nets, java.util.List<StepMetrics> seen, long steps) {
        return trainer(nets, seen, steps, DiscriminatorUpdate.SUMMED);
    }

    static GanTrainer trainer(GanNetworks nets, java.util.List<StepMetrics> seen, long steps, DiscriminatorUpdate dUpdate) {
        return new GanTrainer(nets, loss(), noise(), data(), config(steps, dUpdate), new TrainingListener() {
            @Override
            public void stepCompleted(long step, int epoch, StepMetrics metrics) {
                seen.add(metrics);
            }
        });
    }

    static TrainingConfig config(long steps) {
        return config(steps, DiscriminatorUpdate.SUMMED);
    }

    static TrainingConfig config(long steps, DiscriminatorUpdate dUpdate) {
        return new TrainingConfig(16, null, steps, null, 1, 1, 0, 2, 2, false, false, true, false, dUpdate, true, LATENT,
                7, null);
    }
}
