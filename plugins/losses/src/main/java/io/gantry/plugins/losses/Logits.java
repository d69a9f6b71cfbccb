package io.gantry.plugins.losses;

import io.gantry.api.GanLoss.Term;
import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Losses on D's logits as per-logit functions, evaluated in a Java loop: a batch has one logit per
 * image, and the ~19 ND4J ops a loss term took on those [batch, 1] arrays cost ~40 µs each, ~2 ms of
 * seed 001's iteration, where the loop takes microseconds (bench/NOTES.md, entry 31). Computed in
 * double whatever the logits' type. Binary cross-entropy is written on logits, stable for any logit
 * size: softplus never overflows and the gradient never vanishes through a clipped probability
 * (DL4J's LossBinaryXENT clips).
 */
final class Logits {
    private Logits() {
    }

    /** The mean of {@code loss} over the logits, and its gradient: {@code slope} (the derivative) / n. */
    static Term mean(INDArray logits, DoubleUnaryOperator loss, DoubleUnaryOperator slope) {
        int n = Math.toIntExact(logits.length());
        double total = 0;
        double[] gradient = new double[n];
        for (int i = 0; i < n; i++) {
            double x = logits.getDouble(i);
            total += loss.applyAsDouble(x);
            gradient[i] = slope.applyAsDouble(x) / n;
        }
        return new Term(total / n, like(logits, gradient));
    }

    /** Mean of -log(sigmoid(x)) (target 1) = softplus(-x); its derivative sigmoid(x) - 1. */
    static Term towardsReal(INDArray logits) {
        return mean(logits, x -> softplus(-x), x -> sigmoid(x) - 1);
    }

    /** Mean of -log(1 - sigmoid(x)) (target 0) = softplus(x); its derivative sigmoid(x). */
    static Term towardsFake(INDArray logits) {
        return mean(logits, Logits::softplus, Logits::sigmoid);
    }

    /** log(1 + e^x), as max(x, 0) + log1p(e^-|x|). */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** 1 / (1 + e^-x); in double e^-x overflows to infinity only where the result is 0 anyway. */
    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** {@code values} in an array of the logits' shape and type. */
    static INDArray like(INDArray logits, double[] values) {
        if (logits.dataType() == DataType.FLOAT) {
            float[] floats = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                floats[i] = (float) values[i];
            }
            return Nd4j.create(floats, logits.shape(), 'c');
        }
        INDArray doubles = Nd4j.create(values, logits.shape(), 'c');
        return logits.dataType() == DataType.DOUBLE ? doubles : doubles.castTo(logits.dataType());
    }
}
