package io.gantry.engine;

import io.gantry.api.CriticReadout;
import io.gantry.api.GanLoss;
import io.gantry.api.ImageShape;
import io.gantry.api.ImageSource;
import io.gantry.api.Network;
import io.gantry.api.NoiseSampler;
import io.gantry.api.PixelRange;
import io.gantry.api.SeparableLoss;
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
        return new GanNetworks(GanNetworks.withOptimizer(Network.of(g), updater.clone()),
                GanNetworks.withOptimizer(Network.of(d), updater.clone()), SHAPE, LATENT);
    }

    /** Central finite differences (h = 1e-6) of {@code loss} in every element of {@code params}, restored after. */
    static double[] centralDifferences(INDArray params, java.util.function.DoubleSupplier loss) {
        double[] numeric = new double[(int) params.length()];
        for (int i = 0; i < numeric.length; i++) {
            double orig = params.getDouble(i);
            params.putScalar(i, orig + 1e-6);
            double plus = loss.getAsDouble();
            params.putScalar(i, orig - 1e-6);
            double minus = loss.getAsDouble();
            params.putScalar(i, orig);
            numeric[i] = (plus - minus) / 2e-6;
        }
        return numeric;
    }

    /** The layer stack inside one of these networks. */
    static MultiLayerNetwork stack(TrainableNet net) {
        return ((LayerStackNet) net).net();
    }

    /** An initialised layer stack as the engine trains it. */
    static TrainableNet trainable(MultiLayerNetwork net) {
        return new LayerStackNet(net);
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
    static SeparableLoss loss() {
        return new SeparableLoss() {
            @Override
            public Term real(INDArray x) {
                return towards(x, 1);
            }

            @Override
            public Term fake(INDArray x) {
                return towards(x, 0);
            }

            @Override
            public Term generator(INDArray x) {
                return towards(x, 1);
            }

            private Term towards(INDArray x, double target) {
                INDArray p = Transforms.sigmoid(x, true);
                double loss = 0;
                for (int i = 0; i < x.length(); i++) {
                    double xi = x.getDouble(i);
                    loss += Math.max(xi, 0) - xi * target + Math.log1p(Math.exp(-Math.abs(xi)));
                }
                return new Term(loss / x.length(), p.subi(target).divi(x.length()));
            }
        };
    }

    /**
     * The relativistic average standard GAN loss (RaSGAN), written plainly: D pushes
     * sigmoid(C(x_r) - mean C(x_f)) towards 1 and sigmoid(C(x_f) - mean C(x_r)) towards 0; G the reverse.
     */
    static GanLoss relativisticLoss() {
        return new GanLoss() {
            @Override
            public Gradients discriminator(INDArray real, INDArray fake) {
                return relativistic(real, fake, false);
            }

            @Override
            public Gradients generator(INDArray fake, INDArray real) {
                return relativistic(real, fake, true);
            }

            @Override
            public boolean generatorReadsReal() {
                return true;
            }

            @Override
            public CriticReadout readout() {
                return CriticReadout.SCORE;
            }
        };
    }

    /** D's RaSGAN loss, or G's (roles swapped), and its gradients by the chain rule through both means. */
    static GanLoss.Gradients relativistic(INDArray real, INDArray fake, boolean forGenerator) {
        INDArray up = forGenerator ? fake : real;   // the batch pushed towards "more real than the other"
        INDArray down = forGenerator ? real : fake;
        int n = (int) up.length();
        int m = (int) down.length();
        double upMean = up.meanNumber().doubleValue();
        double downMean = down.meanNumber().doubleValue();
        double loss = 0;
        double[] dUp = new double[n];
        double[] dDown = new double[m];
        double sumUp = 0;
        double sumDown = 0;
        for (int i = 0; i < n; i++) {
            double t = up.getDouble(i) - downMean; // -log sigmoid(t) = softplus(-t), derivative -sigmoid(-t)
            loss += softplus(-t) / n;
            double g = -sigmoid(-t) / n;
            dUp[i] += g;
            sumUp += g;
        }
        for (int j = 0; j < m; j++) {
            double t = down.getDouble(j) - upMean; // -log(1 - sigmoid(t)) = softplus(t), derivative sigmoid(t)
            loss += softplus(t) / m;
            double g = sigmoid(t) / m;
            dDown[j] += g;
            sumDown += g;
        }
        for (int i = 0; i < n; i++) {
            dUp[i] -= sumDown / n;
        }
        for (int j = 0; j < m; j++) {
            dDown[j] -= sumUp / m;
        }
        INDArray gUp = Nd4j.create(dUp, up.shape(), 'c').castTo(up.dataType());
        INDArray gDown = Nd4j.create(dDown, down.shape(), 'c').castTo(down.dataType());
        return forGenerator ? new GanLoss.Gradients(loss, gDown, gUp) : new GanLoss.Gradients(loss, gUp, gDown);
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
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
