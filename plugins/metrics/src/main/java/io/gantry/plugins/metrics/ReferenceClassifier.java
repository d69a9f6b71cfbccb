package io.gantry.plugins.metrics;

import io.gantry.api.ImageShape;
import io.gantry.api.ImageSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classifier whose penultimate layer gives the feature space of fcd and precision/recall and
 * whose softmax gives classifier_score and the class histogram: a LeNet-style CNN (two 5x5
 * convolutions with max pooling, a 128-unit dense layer, softmax), as TF-GAN's MNIST classifier.
 * Its size is a trade: on a 2-core machine it trains in about four minutes (oneDNN natives) (once per dataset) and
 * reaches 99% on MNIST's test set; Adam's step drops tenfold for the last epoch. Plain DL4J layers (v3):
 * the cached model loads with DL4J alone, and the plugin needs nothing but the plugin API.
 */
final class ReferenceClassifier {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceClassifier.class);
    /** Part of the cache key: change it whenever the architecture or training below changes. */
    static final String ARCHITECTURE = "lenet-c32k5-c64k5-d128-do0.5-adam1e-3to1e-4-b128-e3-v3";
    static final int EPOCHS = 3;
    static final int BATCH = 128;
    static final int FEATURE_LAYER = 4;
    private static final int CHUNK = 1000;

    private final MultiLayerNetwork net;

    ReferenceClassifier(MultiLayerNetwork net) {
        this.net = net;
    }

    MultiLayerNetwork network() {
        return net;
    }

    /** Features and class probabilities of images in [0, 1]. */
    record Classified(INDArray features, INDArray probabilities) {
        int size() {
            return (int) features.size(0);
        }

        int[] predictedClasses() {
            INDArray argmax = probabilities.argMax(1);
            int[] out = new int[size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = argmax.getInt(i);
            }
            return out;
        }
    }

    static ReferenceClassifier build(ImageShape shape, int classes, int trainSize, long seed) {
        int iterationsPerEpoch = (trainSize + BATCH - 1) / BATCH;
        var conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(new MapSchedule(ScheduleType.ITERATION,
                        Map.of(0, 1e-3, (EPOCHS - 1) * iterationsPerEpoch, 1e-4))))
                .weightInit(WeightInit.RELU)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(32).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(64).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                // Dropout on the output layer's input: the feature layer's units, in training only.
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                        .activation(Activation.SOFTMAX).dropOut(0.5).build())
                .setInputType(InputType.convolutional(shape.height(), shape.width(), shape.channels()))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return new ReferenceClassifier(net);
    }

    /** Trains on {@code train} (images in [0, 1], labels 0..classes-1) for {@link #EPOCHS} epochs. */
    void fit(ImageSource train, int classes, long seed) {
        int[] labels = train.labels().orElseThrow();
        int n = train.size();
        Random random = new Random(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            long start = System.nanoTime();
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int from = 0; from < n; from += BATCH) {
                int size = Math.min(BATCH, n - from);
                int[] idx = new int[size];
                System.arraycopy(order, from, idx, 0, size);
                INDArray y = Nd4j.zeros(DataType.FLOAT, size, classes);
                for (int b = 0; b < size; b++) {
                    y.putScalar(b, labels[idx[b]], 1f);
                }
                net.fit(train.batch(idx), y);
            }
            LOG.info("reference classifier: epoch {}/{} in {} s", epoch, EPOCHS,
                    Math.round((System.nanoTime() - start) / 1e9));
        }
    }

    /** Features and probabilities of every image of a source. */
    Classified classify(ImageSource source) {
        List<INDArray> features = new ArrayList<>();
        List<INDArray> probabilities = new ArrayList<>();
        for (int from = 0; from < source.size(); from += CHUNK) {
            int size = Math.min(CHUNK, source.size() - from);
            int[] idx = new int[size];
            for (int i = 0; i < size; i++) {
                idx[i] = from + i;
            }
            Classified c = classify(source.batch(idx));
            features.add(c.features());
            probabilities.add(c.probabilities());
        }
        return new Classified(concat(features), concat(probabilities));
    }

    /**
     * Frees arrays no longer needed at once. Gantry turns JavaCPP's memory check off for speed
     * (org.bytedeco.javacpp.maxPhysicalBytes=0), so off-heap arrays are otherwise freed only when a
     * garbage collection finds them, and the ~110 MB of activations a 1,000-image chunk leaves took
     * an evaluation of 10,000 images to a 2-5 GB peak.
     */
    static void release(List<INDArray> arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }

    /** Features and probabilities of NCHW images in [0, 1]. */
    Classified classify(INDArray images) {
        List<INDArray> features = new ArrayList<>();
        List<INDArray> probabilities = new ArrayList<>();
        for (long from = 0; from < images.size(0); from += CHUNK) {
            long to = Math.min(images.size(0), from + CHUNK);
            INDArray chunk = images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to))
                    .castTo(DataType.FLOAT);
            List<INDArray> activations = net.feedForward(chunk, false);
            // activations.get(0) is the input, so layer i's output is at i + 1.
            features.add(activations.get(FEATURE_LAYER + 1).dup());
            probabilities.add(activations.get(activations.size() - 1).dup());
            release(activations.subList(1, activations.size()));
        }
        return new Classified(concat(features), concat(probabilities));
    }

    /** Share of a labelled source this classifier gets right. */
    static double accuracy(Classified classified, int[] labels) {
        int[] predicted = classified.predictedClasses();
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == labels[i]) {
                right++;
            }
        }
        return right / (double) predicted.length;
    }

    private static INDArray concat(List<INDArray> parts) {
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }
}
