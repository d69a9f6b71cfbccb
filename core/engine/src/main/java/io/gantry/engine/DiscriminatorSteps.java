package io.gantry.engine;

import static io.gantry.engine.Updates.logits;
import static io.gantry.engine.Updates.weightGradients;

import io.gantry.api.GanLoss;
import io.gantry.api.GanLoss.Gradients;
import io.gantry.api.GanLoss.Term;
import io.gantry.api.SeparableLoss;
import io.gantry.engine.Updates.Pass;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** One discriminator step on a real and a fake batch, in each of the ways {@link DiscriminatorUpdate} names. */
final class DiscriminatorSteps {
    private final GanLoss loss;
    private final DiscriminatorUpdate mode;
    private final Updates updates;

    DiscriminatorSteps(GanLoss loss, DiscriminatorUpdate mode, Updates updates) {
        this.loss = loss;
        this.mode = mode;
        this.updates = updates;
    }

    /** Updates {@code d}; returns {loss, mean reading of D on the real batch, on the fake batch}. */
    double[] step(TrainableNet d, INDArray real, INDArray fake) {
        return switch (mode) {
            case SUMMED -> summed(d, real, fake, 1.0);
            case MEAN -> summed(d, real, fake, 0.5);
            case SEPARATE -> separate(d, real, fake);
            case CONCAT -> concat(d, real, fake);
        };
    }

    private double[] summed(TrainableNet d, INDArray real, INDArray fake, double scale) {
        return updates.apply(d, () -> {
            Pass pass = loss instanceof SeparableLoss separable ? termByTerm(d, separable, real, fake)
                    : bothBatches(d, real, fake);
            if (scale != 1.0) {
                pass.gradient().gradient().muli(scale);
            }
            return pass;
        }, d);
    }

    /** A separable loss: each batch's backward pass right after its forward pass, no logits kept. */
    private Pass termByTerm(TrainableNet d, SeparableLoss separable, INDArray real, INDArray fake) {
        INDArray realOut = d.forward(real);
        INDArray realLogits = logits(realOut);
        Term realTerm = separable.real(realLogits);
        double dReal = reading(realLogits);
        INDArray gradient = weightGradients(d, realTerm.dLogits().reshape(realOut.shape())).gradient().dup();

        INDArray fakeOut = d.forward(fake);
        INDArray fakeLogits = logits(fakeOut);
        Term fakeTerm = separable.fake(fakeLogits);
        Gradient fakeGradient = weightGradients(d, fakeTerm.dLogits().reshape(fakeOut.shape()));

        // The updater works in place on D's gradient view: put the sum of both terms there.
        fakeGradient.gradient().addi(gradient);
        return new Pass(realTerm.loss() + fakeTerm.loss(), dReal, reading(fakeLogits), fakeGradient);
    }

    /**
     * A loss over both batches needs both batches' logits before either backward pass, and a backward
     * pass needs its own batch's forward pass just before it: the real batch goes through D twice, with
     * the same random draws (dropout), so both passes are the same function.
     */
    private Pass bothBatches(TrainableNet d, INDArray real, INDArray fake) {
        long realDraws = Nd4j.getRandom().nextLong();
        Nd4j.getRandom().setSeed(realDraws);
        INDArray realLogits = logits(d.forward(real)).dup();
        INDArray fakeOut = d.forward(fake);
        INDArray fakeLogits = logits(fakeOut);
        Gradients both = loss.discriminator(realLogits, fakeLogits);
        double dFake = reading(fakeLogits);
        INDArray gradient = weightGradients(d, both.dFake().reshape(fakeOut.shape())).gradient().dup();

        Nd4j.getRandom().setSeed(realDraws);
        INDArray realOut = d.forward(real);
        Gradient realGradient = weightGradients(d, both.dReal().reshape(realOut.shape()));
        realGradient.gradient().addi(gradient);
        return new Pass(both.loss(), reading(realLogits), dFake, realGradient);
    }

    private double[] separate(TrainableNet d, INDArray real, INDArray fake) {
        double[] realStep = updates.apply(d, () -> onlyBatch(d, real, true), d);
        double[] fakeStep = updates.apply(d, () -> onlyBatch(d, fake, false), d);
        return new double[] {realStep[0] + fakeStep[0], realStep[1], fakeStep[2]};
    }

    /** D on one batch, all real or all fake; the other side's mean is NaN. */
    private Pass onlyBatch(TrainableNet d, INDArray batch, boolean isReal) {
        SeparableLoss separable = (SeparableLoss) loss; // GanTrainer.conflict refuses SEPARATE otherwise
        INDArray out = d.forward(batch);
        INDArray logits = logits(out);
        Term term = isReal ? separable.real(logits) : separable.fake(logits);
        double meanD = reading(logits);
        Gradient gradient = weightGradients(d, term.dLogits().reshape(out.shape()));
        return new Pass(term.loss(), isReal ? meanD : Double.NaN, isReal ? Double.NaN : meanD, gradient);
    }

    private double[] concat(TrainableNet d, INDArray real, INDArray fake) {
        long n = real.size(0);
        return updates.apply(d, () -> {
            INDArray out = d.forward(Nd4j.concat(0, real, fake.castTo(real.dataType())));
            INDArray all = logits(out);
            INDArray realLogits = all.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
            INDArray fakeLogits = all.get(NDArrayIndex.interval(n, all.size(0)), NDArrayIndex.all());
            Gradients both = loss.discriminator(realLogits, fakeLogits);
            // One mean over the stacked batch = half of each batch's mean.
            INDArray dLogits = Nd4j.concat(0, both.dReal(), both.dFake()).muli(0.5);
            Gradient gradient = weightGradients(d, dLogits.reshape(out.shape()));
            return new Pass(both.loss(), reading(realLogits), reading(fakeLogits), gradient);
        }, d);
    }

    private double reading(INDArray logits) {
        return Updates.meanReading(loss.readout(), logits);
    }
}
