package io.gantry.plugins.losses;

import io.gantry.api.AdversarialLoss;
import io.gantry.api.CriticReadout;
import io.gantry.api.GanLoss;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Relativistic average GANs (Jolicoeur-Martineau 2018): the critic judges each image against the
 * mean critic output of the other batch. With {@code up} the batch pushed to look more real than the
 * other and {@code down} the other one, the loss is 1/2 (mean_i f(up_i - mean(down)) + mean_j
 * g(down_j - mean(up))): for D, up = real and down = fake; for G the roles swap, which is why G's
 * loss reads the real logits. The 1/2 is the reference code's.
 */
abstract class RelativisticAverage implements AdversarialLoss {

    /** The term of the batch pushed up, and its derivative. */
    abstract DoubleUnaryOperator up();

    abstract DoubleUnaryOperator upSlope();

    /** The term of the batch pushed down, and its derivative. */
    abstract DoubleUnaryOperator down();

    abstract DoubleUnaryOperator downSlope();

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.empty();
    }

    @Override
    public GanLoss create(Params params) {
        return new GanLoss() {
            @Override
            public Gradients discriminator(INDArray realLogits, INDArray fakeLogits) {
                double[][] grads = new double[2][];
                double loss = loss(realLogits, fakeLogits, grads);
                return new Gradients(loss, Logits.like(realLogits, grads[0]), Logits.like(fakeLogits, grads[1]));
            }

            @Override
            public Gradients generator(INDArray fakeLogits, INDArray realLogits) {
                double[][] grads = new double[2][];
                double loss = loss(fakeLogits, realLogits, grads);
                return new Gradients(loss, Logits.like(realLogits, grads[1]), Logits.like(fakeLogits, grads[0]));
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

    /** The loss with {@code upLogits} pushed up; the gradients w.r.t. both go to {@code grads[0]} and {@code grads[1]}. */
    private double loss(INDArray upLogits, INDArray downLogits, double[][] grads) {
        double[] u = values(upLogits);
        double[] v = values(downLogits);
        double upMean = mean(u);
        double downMean = mean(v);
        int n = u.length;
        int m = v.length;
        double loss = 0;
        double upSlopes = 0;
        double downSlopes = 0;
        double[] dUp = new double[n];
        double[] dDown = new double[m];
        for (int i = 0; i < n; i++) {
            double t = u[i] - downMean;
            loss += up().applyAsDouble(t) / n;
            dUp[i] = upSlope().applyAsDouble(t);
            upSlopes += dUp[i];
        }
        for (int j = 0; j < m; j++) {
            double t = v[j] - upMean;
            loss += down().applyAsDouble(t) / m;
            dDown[j] = downSlope().applyAsDouble(t);
            downSlopes += dDown[j];
        }
        // Each logit moves its own term and, through its batch's mean, every term of the other batch.
        for (int i = 0; i < n; i++) {
            dUp[i] = 0.5 * (dUp[i] / n - downSlopes / ((double) n * m));
        }
        for (int j = 0; j < m; j++) {
            dDown[j] = 0.5 * (dDown[j] / m - upSlopes / ((double) n * m));
        }
        grads[0] = dUp;
        grads[1] = dDown;
        return 0.5 * loss;
    }

    private static double[] values(INDArray logits) {
        double[] values = new double[Math.toIntExact(logits.length())];
        for (int i = 0; i < values.length; i++) {
            values[i] = logits.getDouble(i);
        }
        return values;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
