package io.gantry.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How the engine reads D's output: the adversarial logits the loss sees, and D's output gradient from
 * the loss's gradient on them. Plain D: its output is the logit. With an auxiliary classifier
 * ({@link ClassHead}), class logits follow it and a class term joins the loss.
 */
sealed interface CriticOutput permits CriticOutput.Logit, ClassHead {

    /** A D that outputs one logit per image. */
    CriticOutput LOGIT = new Logit();

    /** The logits the adversarial loss reads, {@code [n, 1]}. */
    INDArray logits(INDArray out);

    /**
     * D's output gradient, given the adversarial loss's gradient on its logits; {@code y} the batch's
     * classes (null for a plain D).
     */
    Backward backward(INDArray out, INDArray dLogits, int[] y);

    /** D's output gradient and the loss term it adds beyond the adversarial loss (0 for a plain D). */
    record Backward(INDArray epsilon, double classLoss) {
    }

    /** Two batches' classes, stacked as the batches are; null when they are. */
    static int[] join(int[] a, int[] b) {
        if (a == null) {
            return null;
        }
        int[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** One logit per image; D may end in a 1x1 convolution ({@code [b, 1, 1, 1]}). */
    record Logit() implements CriticOutput {
        @Override
        public INDArray logits(INDArray out) {
            return Updates.logits(out);
        }

        @Override
        public Backward backward(INDArray out, INDArray dLogits, int[] y) {
            return new Backward(dLogits.reshape(out.shape()), 0);
        }
    }
}
