package io.gantry.engine;

import io.gantry.api.AfterUpdateStep;
import io.gantry.api.CriticReadout;
import io.gantry.api.NetworkParameters;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How the engine changes a network: one training pass (forward and backward, activations in the
 * workspace), then the net's own optimizer, its declared constraints, and the after-update steps the
 * spec attached to it. Also the small pieces every pass shares.
 */
final class Updates {
    private final GanNetworks nets;
    private final IntSupplier epoch;
    private List<AfterUpdateStep> generatorSteps = List.of();
    private List<AfterUpdateStep> discriminatorSteps = List.of();

    Updates(GanNetworks nets, IntSupplier epoch) {
        this.nets = nets;
        this.epoch = epoch;
    }

    /** What one pass gives before its update: the loss, the mean readings of D (NaN where not seen), the gradient. */
    record Pass(double loss, double dReal, double dFake, Gradient gradient) {
    }

    void attach(List<AfterUpdateStep> generator, List<AfterUpdateStep> discriminator) {
        this.generatorSteps = List.copyOf(generator);
        this.discriminatorSteps = List.copyOf(discriminator);
    }

    List<AfterUpdateStep> generatorSteps() {
        return generatorSteps;
    }

    /** G's steps, then D's: the order their states are checkpointed in. */
    List<AfterUpdateStep> all() {
        List<AfterUpdateStep> all = new java.util.ArrayList<>(generatorSteps);
        all.addAll(discriminatorSteps);
        return all;
    }

    /**
     * Runs {@code pass} with the activations of {@code inPass} in the training workspace, then applies
     * its gradient to {@code target} (outside the workspace: the updater's arrays outlive the pass);
     * returns {loss, D(x), D(G(z))}.
     */
    double[] apply(TrainableNet target, Supplier<Pass> pass, TrainableNet... inPass) {
        Pass done;
        try (MemoryWorkspace activations = TrainableNet.openActivations(inPass)) {
            done = pass.get();
        }
        int iteration = target.iterationCount();
        target.update(done.gradient(), epoch.getAsInt());
        List<AfterUpdateStep> after = target == nets.generator() ? generatorSteps : discriminatorSteps;
        if (!after.isEmpty()) {
            NetworkParameters parameters = target.parameters();
            for (AfterUpdateStep s : after) {
                s.apply(parameters, iteration);
            }
        }
        return new double[] {done.loss(), done.dReal(), done.dFake()};
    }

    /** The parameters' gradients from the output gradient; no network's input is trained, so no input gradient. */
    static Gradient weightGradients(TrainableNet net, INDArray epsilon) {
        return net.backprop(epsilon, true, false).getFirst();
    }

    /** D may end in a 1x1 convolution ({@code [b, 1, 1, 1]}); losses see {@code [b, 1]}. */
    static INDArray logits(INDArray dOutput) {
        return dOutput.rank() == 2 ? dOutput : dOutput.reshape(dOutput.size(0), 1);
    }

    /** Mean D output as the loss reads it; a Java loop, since the batch has one logit per image (ND4J ops cost more). */
    static double meanReading(CriticReadout readout, INDArray logits) {
        double sum = 0;
        for (long i = 0; i < logits.length(); i++) {
            sum += readout.read(logits.getDouble(i));
        }
        return sum / logits.length();
    }
}
