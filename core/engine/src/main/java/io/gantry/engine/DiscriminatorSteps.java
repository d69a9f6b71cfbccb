package io.gantry.engine;

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

/**
 * One discriminator step on a real and a fake batch, in each of the ways {@link DiscriminatorUpdate} names.
 * With an auxiliary classifier ({@link CriticOutput}), each batch carries its classes and D's loss gains the
 * class term.
 */
final class DiscriminatorSteps {
    private final GanLoss loss;
    private final DiscriminatorUpdate mode;
    private final Updates updates;
    private final CriticOutput critic;

    DiscriminatorSteps(GanLoss loss, DiscriminatorUpdate mode, Updates updates, CriticOutput critic) {
        this.loss = loss;
        this.mode = mode;
        this.updates = updates;
        this.critic = critic;
    }

    CriticOutput critic() {
        return critic;
    }

    /**
     * Updates {@code d}; returns {loss, mean reading of D on the real batch, on the fake batch}. The classes
     * are null unless D has a class head.
     */
    double[] step(TrainableNet d, INDArray real, int[] realY, INDArray fake, int[] fakeY) {
        return switch (mode) {
            case SUMMED -> summed(d, real, realY, fake, fakeY, 1.0);
            case MEAN -> summed(d, real, realY, fake, fakeY, 0.5);
            case SEPARATE -> separate(d, real, realY, fake, fakeY);
            case CONCAT -> concat(d, real, realY, fake, fakeY);
        };
    }

    private double[] summed(TrainableNet d, INDArray real, int[] realY, INDArray fake, int[] fakeY, double scale) {
        return updates.apply(d, () -> {
            Pass pass = loss instanceof SeparableLoss separable ? termByTerm(d, separable, real, realY, fake, fakeY)
                    : bothBatches(d, real, realY, fake, fakeY);
            if (scale != 1.0) {
                pass.gradient().gradient().muli(scale);
            }
            return pass;
        }, d);
    }

    /** A separable loss: each batch's backward pass right after its forward pass, no logits kept. */
    private Pass termByTerm(TrainableNet d, SeparableLoss separable, INDArray real, int[] realY, INDArray fake,
                            int[] fakeY) {
        INDArray realOut = d.forward(real);
        INDArray realLogits = critic.logits(realOut);
        Term realTerm = separable.real(realLogits);
        double dReal = reading(realLogits);
        CriticOutput.Backward realBack = critic.backward(realOut, realTerm.dLogits(), realY);
        INDArray gradient = weightGradients(d, realBack.epsilon()).gradient().dup();

        INDArray fakeOut = d.forward(fake);
        INDArray fakeLogits = critic.logits(fakeOut);
        Term fakeTerm = separable.fake(fakeLogits);
        CriticOutput.Backward fakeBack = critic.backward(fakeOut, fakeTerm.dLogits(), fakeY);
        Gradient fakeGradient = weightGradients(d, fakeBack.epsilon());

        // The updater works in place on D's gradient view: put the sum of both terms there.
        fakeGradient.gradient().addi(gradient);
        return new Pass(realTerm.loss() + fakeTerm.loss() + realBack.classLoss() + fakeBack.classLoss(), dReal,
                reading(fakeLogits), fakeGradient);
    }

    /**
     * A loss over both batches needs both batches' logits before either backward pass, and a backward
     * pass needs its own batch's forward pass just before it: the real batch goes through D twice, with
     * the same random draws (dropout), so both passes are the same function.
     */
    private Pass bothBatches(TrainableNet d, INDArray real, int[] realY, INDArray fake, int[] fakeY) {
        long realDraws = Nd4j.getRandom().nextLong();
        Nd4j.getRandom().setSeed(realDraws);
        INDArray realLogits = critic.logits(d.forward(real)).dup();
        INDArray fakeOut = d.forward(fake);
        INDArray fakeLogits = critic.logits(fakeOut);
        Gradients both = loss.discriminator(realLogits, fakeLogits);
        double dFake = reading(fakeLogits);
        CriticOutput.Backward fakeBack = critic.backward(fakeOut, both.dFake(), fakeY);
        INDArray gradient = weightGradients(d, fakeBack.epsilon()).gradient().dup();

        Nd4j.getRandom().setSeed(realDraws);
        INDArray realOut = d.forward(real);
        CriticOutput.Backward realBack = critic.backward(realOut, both.dReal(), realY);
        Gradient realGradient = weightGradients(d, realBack.epsilon());
        realGradient.gradient().addi(gradient);
        return new Pass(both.loss() + realBack.classLoss() + fakeBack.classLoss(), reading(realLogits), dFake,
                realGradient);
    }

    private double[] separate(TrainableNet d, INDArray real, int[] realY, INDArray fake, int[] fakeY) {
        double[] realStep = updates.apply(d, () -> onlyBatch(d, real, realY, true), d);
        double[] fakeStep = updates.apply(d, () -> onlyBatch(d, fake, fakeY, false), d);
        return new double[] {realStep[0] + fakeStep[0], realStep[1], fakeStep[2]};
    }

    /** D on one batch, all real or all fake; the other side's mean is NaN. */
    private Pass onlyBatch(TrainableNet d, INDArray batch, int[] y, boolean isReal) {
        SeparableLoss separable = (SeparableLoss) loss; // GanTrainer.conflict refuses SEPARATE otherwise
        INDArray out = d.forward(batch);
        INDArray logits = critic.logits(out);
        Term term = isReal ? separable.real(logits) : separable.fake(logits);
        double meanD = reading(logits);
        CriticOutput.Backward back = critic.backward(out, term.dLogits(), y);
        Gradient gradient = weightGradients(d, back.epsilon());
        return new Pass(term.loss() + back.classLoss(), isReal ? meanD : Double.NaN, isReal ? Double.NaN : meanD,
                gradient);
    }

    private double[] concat(TrainableNet d, INDArray real, int[] realY, INDArray fake, int[] fakeY) {
        long n = real.size(0);
        return updates.apply(d, () -> {
            INDArray out = d.forward(Nd4j.concat(0, real, fake.castTo(real.dataType())));
            INDArray all = critic.logits(out);
            INDArray realLogits = all.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
            INDArray fakeLogits = all.get(NDArrayIndex.interval(n, all.size(0)), NDArrayIndex.all());
            Gradients both = loss.discriminator(realLogits, fakeLogits);
            // One mean over the stacked batch = half of each batch's mean.
            INDArray dLogits = Nd4j.concat(0, both.dReal(), both.dFake()).muli(0.5);
            CriticOutput.Backward back = critic.backward(out, dLogits, CriticOutput.join(realY, fakeY));
            Gradient gradient = weightGradients(d, back.epsilon());
            // the class term's mean ran over both batches: twice it is the sum of each batch's mean
            return new Pass(both.loss() + 2 * back.classLoss(), reading(realLogits), reading(fakeLogits), gradient);
        }, d);
    }

    private double reading(INDArray logits) {
        return Updates.meanReading(loss.readout(), logits);
    }
}
