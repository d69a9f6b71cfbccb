package io.gantry.plugins.losses;

import io.gantry.core.api.GanLoss.LossGradient;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary cross-entropy written on logits, stable for any logit size: softplus never overflows and
 * the gradient never vanishes through a clipped probability (DL4J's LossBinaryXENT clips).
 */
final class Logits {
    private Logits() {
    }

    /** softplus(x) = log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|). */
    static INDArray softplus(INDArray x) {
        INDArray negAbs = Transforms.abs(x, true).negi();
        return Transforms.relu(x, true).addi(Transforms.log(Transforms.exp(negAbs, false).addi(1.0), false));
    }

    /** Mean of -log(sigmoid(x)) (target 1): loss and its gradient (sigmoid(x) - 1) / n. */
    static LossGradient towardsReal(INDArray logits) {
        long n = logits.length();
        double loss = softplus(logits.neg()).sumNumber().doubleValue() / n;
        return new LossGradient(loss, Transforms.sigmoid(logits, true).subi(1.0).divi(n));
    }

    /** Mean of -log(1 - sigmoid(x)) (target 0): loss and its gradient sigmoid(x) / n. */
    static LossGradient towardsFake(INDArray logits) {
        long n = logits.length();
        double loss = softplus(logits).sumNumber().doubleValue() / n;
        return new LossGradient(loss, Transforms.sigmoid(logits, true).divi(n));
    }
}
