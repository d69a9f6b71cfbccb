package io.gantry.examples.graph;

import io.gantry.api.AdversarialLoss;
import io.gantry.api.CriticReadout;
import io.gantry.api.GanLoss;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pf4j.Extension;

/**
 * The relativistic average hinge loss (Jolicoeur-Martineau 2018, RaHingeGAN): a loss over both
 * batches, which a plugin writes against {@link GanLoss} directly. With {@code a} the batch pushed up
 * and {@code b} the other: L = mean(relu(1 - (a - mean b))) + mean(relu(1 + (b - mean a))); D pushes
 * the real batch up, G its fakes, so G's loss reads the real logits too.
 */
@Extension
public class RelativisticHingeLoss implements AdversarialLoss {
    @Override
    public String name() {
        return "relativistic-hinge";
    }

    @Override
    public String description() {
        return "example: relativistic average hinge loss over both batches (RaHingeGAN)";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.builder()
                .number("margin", 1.0, 0.0, null, "the hinge's margin")
                .build();
    }

    @Override
    public GanLoss create(Params params) {
        double margin = params.getDouble("margin");
        return new GanLoss() {
            @Override
            public Gradients discriminator(INDArray real, INDArray fake) {
                INDArray[] grads = new INDArray[2];
                double loss = hinge(real, fake, margin, grads);
                return new Gradients(loss, grads[0], grads[1]);
            }

            @Override
            public Gradients generator(INDArray fake, INDArray real) {
                INDArray[] grads = new INDArray[2];
                double loss = hinge(fake, real, margin, grads);
                return new Gradients(loss, grads[1], grads[0]);
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

    /** The loss with {@code a} pushed up; its gradients w.r.t. {@code a} and {@code b} go to {@code grads}. */
    private static double hinge(INDArray a, INDArray b, double margin, INDArray[] grads) {
        long n = a.length();
        long m = b.length();
        double meanA = a.meanNumber().doubleValue();
        double meanB = b.meanNumber().doubleValue();
        double[] gA = new double[(int) n];
        double[] gB = new double[(int) m];
        double loss = 0;
        double activeA = 0; // how many terms of a are inside the margin (their slope is -1/n each)
        double activeB = 0;
        for (int i = 0; i < n; i++) {
            double t = margin - (a.getDouble(i) - meanB);
            if (t > 0) {
                loss += t / n;
                gA[i] -= 1.0 / n;
                activeA++;
            }
        }
        for (int j = 0; j < m; j++) {
            double t = margin + (b.getDouble(j) - meanA);
            if (t > 0) {
                loss += t / m;
                gB[j] += 1.0 / m;
                activeB++;
            }
        }
        // Through the means: each a term holds -mean(b), each b term -mean(a).
        for (int i = 0; i < n; i++) {
            gA[i] -= activeB / m / n;
        }
        for (int j = 0; j < m; j++) {
            gB[j] += activeA / n / m;
        }
        grads[0] = Nd4j.create(gA, a.shape(), 'c').castTo(a.dataType());
        grads[1] = Nd4j.create(gB, b.shape(), 'c').castTo(b.dataType());
        return loss;
    }
}
