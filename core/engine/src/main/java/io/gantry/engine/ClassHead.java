package io.gantry.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The auxiliary classifier of AC-GAN (Odena et al. 2017): D outputs {@code 1 + K} numbers per image, the
 * adversarial logit, then K class logits, on which a softmax cross-entropy with the image's class (true
 * for real images, asked for fakes) joins D's and G's losses with a weight. The adversarial loss sees
 * only the first column.
 */
record ClassHead(int classes, double weight) implements CriticOutput {
    /** D's output as rows of {@code 1 + K} (a network may end in a 1x1 convolution). */
    private INDArray rows(INDArray out) {
        return out.rank() == 2 ? out : out.reshape(out.size(0), 1 + classes);
    }

    /** The adversarial logits, {@code [n, 1]}: D's first output. */
    @Override
    public INDArray logits(INDArray out) {
        return rows(out).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1)).dup();
    }

    /**
     * weight x mean cross-entropy of the class logits against {@code y}, and D's output gradient with the
     * adversarial part {@code dAdversarial} ({@code [n, 1]}) and the class part.
     */
    @Override
    public Backward backward(INDArray out, INDArray dAdversarial, int[] y) {
        INDArray rows = rows(out);
        int n = (int) rows.size(0);
        double[][] logits = rows.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        double[][] gradient = new double[n][1 + classes];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 1; k <= classes; k++) {
                max = Math.max(max, logits[i][k]);
            }
            double sum = 0;
            for (int k = 1; k <= classes; k++) {
                sum += Math.exp(logits[i][k] - max);
            }
            double logSum = max + Math.log(sum);
            loss -= logits[i][1 + y[i]] - logSum;
            for (int k = 1; k <= classes; k++) {
                double p = Math.exp(logits[i][k] - logSum);
                gradient[i][k] = weight * (p - (k == 1 + y[i] ? 1 : 0)) / n;
            }
            gradient[i][0] = dAdversarial.getDouble(i);
        }
        INDArray epsilon = Nd4j.create(gradient).castTo(out.dataType()).reshape(out.shape());
        return new Backward(epsilon, weight * loss / n);
    }
}
