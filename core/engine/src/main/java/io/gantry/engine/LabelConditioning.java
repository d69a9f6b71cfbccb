package io.gantry.engine;

import io.gantry.api.Conditioning;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Class-conditional training by concatenation (Mirza and Osindero 2014), laid out as Keras' conditional
 * GAN example on MNIST: G reads its noise with the class one-hot after it, {@code [n, latent + K]}; D
 * reads the image with K more channels, channel k all ones where the class is k, {@code [n, c + K, h, w]}.
 * The architectures are built for those sizes and need no other change. G's classes are drawn from the
 * training data's class frequencies, from the noise stream, so a checkpoint's noise state fixes them too.
 */
public final class LabelConditioning {
    private final Conditioning kind;
    private final double classWeight;
    private final int classes;
    private final int[] labels;
    private final double[] cumulative;

    /** Concatenation ({@link Conditioning#CONCAT}). */
    public LabelConditioning(int classes, int[] labels) {
        this(Conditioning.CONCAT, classes, labels, 0);
    }

    /**
     * @param kind how D reads the class: with label channels (concat, projection) or not (auxiliary)
     * @param labels the training images' classes, by image index, each in {@code [0, classes)}
     * @param classWeight the weight of the auxiliary classifier's term (used for {@link Conditioning#AUXILIARY})
     */
    public LabelConditioning(Conditioning kind, int classes, int[] labels, double classWeight) {
        if (kind == Conditioning.NONE) {
            throw new IllegalArgumentException("conditioning NONE is no conditioning: train without LabelConditioning");
        }
        this.kind = kind;
        this.classWeight = classWeight;
        if (classes < 2) {
            throw new IllegalArgumentException("conditioning needs at least 2 classes, got " + classes);
        }
        this.classes = classes;
        this.labels = labels.clone();
        double[] counts = new double[classes];
        for (int y : labels) {
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("label " + y + " is outside [0, " + classes + ")");
            }
            counts[y]++;
        }
        cumulative = new double[classes];
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            sum += counts[k] / labels.length;
            cumulative[k] = sum;
        }
    }

    /** The layout alone, for feeding a conditioned network outside training (validation, sampling). */
    public static LabelConditioning layout(Conditioning kind, int classes) {
        return new LabelConditioning(kind, classes, java.util.stream.IntStream.range(0, classes).toArray(), 0);
    }

    /** Whether D's input carries the label channels (not for an auxiliary classifier, which must find the class). */
    boolean labelChannels() {
        return kind != Conditioning.AUXILIARY;
    }

    /** How D's output reads: one logit, or (auxiliary classifier) the logit and K class logits. */
    CriticOutput critic() {
        return kind == Conditioning.AUXILIARY ? new ClassHead(classes, classWeight) : CriticOutput.LOGIT;
    }

    public int classes() {
        return classes;
    }

    int[] labelsOf(int[] indices) {
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            y[i] = labels[indices[i]];
        }
        return y;
    }

    /** {@code n} classes drawn independently with the training data's frequencies. */
    int[] draw(int n, RandomGenerator rng) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int k = 0;
            while (k < classes - 1 && u >= cumulative[k]) {
                k++;
            }
            y[i] = k;
        }
        return y;
    }

    /** {@code n} classes in turn, 0, 1, ..., K-1, 0, ...: every class equally often, for evaluation. */
    int[] cycle(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
        }
        return y;
    }

    /** The classes of a sample grid of {@code rows x cols}: row r shows class r mod K. */
    int[] gridRows(int rows, int cols) {
        int[] y = new int[rows * cols];
        for (int i = 0; i < y.length; i++) {
            y[i] = (i / cols) % classes;
        }
        return y;
    }

    /** G's input: the noise rows with the classes' one-hot vectors after them. */
    public INDArray generatorInput(INDArray z, int[] y) {
        return Nd4j.hstack(z, oneHot(y, z.dataType()));
    }

    /** D's input: the images with one constant channel per class after their own; for an auxiliary classifier, the images. */
    public INDArray discriminatorInput(INDArray images, int[] y) {
        if (!labelChannels()) {
            return images;
        }
        long n = images.size(0);
        INDArray maps = Nd4j.zeros(images.dataType(), n, classes, images.size(2), images.size(3));
        for (int i = 0; i < n; i++) {
            maps.get(NDArrayIndex.point(i), NDArrayIndex.point(y[i]), NDArrayIndex.all(), NDArrayIndex.all()).assign(1);
        }
        return Nd4j.concat(1, images, maps);
    }

    /** The part of a gradient with respect to D's input that belongs to the image's own {@code channels}. */
    static INDArray imageGradient(INDArray inputGradient, int channels) {
        return inputGradient.get(NDArrayIndex.all(), NDArrayIndex.interval(0, channels), NDArrayIndex.all(),
                NDArrayIndex.all());
    }

    private INDArray oneHot(int[] y, org.nd4j.linalg.api.buffer.DataType type) {
        INDArray out = Nd4j.zeros(type, y.length, classes);
        for (int i = 0; i < y.length; i++) {
            out.putScalar(i, y[i], 1.0);
        }
        return out;
    }
}
