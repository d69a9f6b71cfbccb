package io.gantry.engine;

import io.gantry.api.AfterUpdateStep;
import io.gantry.api.CriticReadout;
import io.gantry.api.GanLoss;
import io.gantry.api.GanLoss.Gradients;
import io.gantry.api.GanLoss.Term;
import io.gantry.api.ImageShape;
import io.gantry.api.ImageSource;
import io.gantry.api.NoiseSampler;
import io.gantry.api.SeparableLoss;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The training loop. G and D are separate networks with separate updaters. G's gradient reaches
 * it through D: D is run forward on G's output, the loss gradient is propagated back to D's input,
 * and that input gradient is G's output gradient. D's parameters and updater state are not touched
 * by a G step, and no parameters are copied between networks. Backward passes compute only what is
 * read: no input gradient where the input is data or noise, no weight gradients of D in a G step
 * (for the layers that can skip them, {@link io.gantry.kernels.SkippableGradients}).
 */
public final class GanTrainer {
    private final GanNetworks nets;
    private final GanLoss loss;
    private final NoiseSampler noise;
    private final ImageSource data;
    private final TrainingConfig config;
    private final TrainingListener listener;
    private final BatchOrder order;
    private final SeededRandom noiseRng;
    private final INDArray fixedNoise;
    private final long networkSeed;
    /** Keeps the evaluation latent stream apart from the streams derived from the seed by splitting. */
    private static final long EVALUATION_SALT = 0x5EED_E7A1L;
    private long step;
    private CheckpointSink checkpoints;
    private int checkpointEvery;
    private int saturationLimit;
    private GeneratorEvaluator evaluator;
    private long evaluateEvery;
    private long lastEvaluated = -1;
    private List<AfterUpdateStep> generatorSteps = List.of();
    private List<AfterUpdateStep> discriminatorSteps = List.of();
    /** The real batch of the latest D step: what a relativistic G loss compares its fakes with. */
    private INDArray lastReal;

    public GanTrainer(GanNetworks nets, GanLoss loss, NoiseSampler noise, ImageSource data, TrainingConfig config,
                      TrainingListener listener) {
        this.nets = nets;
        this.loss = loss;
        this.noise = noise;
        this.data = data;
        this.config = config;
        this.listener = listener;
        conflict(loss, config.dUpdate(), config.generatorFirst()).ifPresent(c -> {
            throw new IllegalArgumentException(c.key() + ": " + c.message());
        });
        // Independent streams per purpose, all derived from the one seed.
        SeededRandom root = new SeededRandom(config.seed());
        this.order = new BatchOrder(data.size(), config.batchSize(), config.dropLast(), config.shuffle(), root.split());
        this.noiseRng = root.split();
        SeededRandom sampleRng = root.split();
        if (config.sampleNoiseSeed() != null) {
            // Sweeps: every trial draws its grid noise from one stream, so grids line up across trials.
            sampleRng = new SeededRandom(config.sampleNoiseSeed());
        }
        int gridSize = config.sampleRows() * config.sampleCols();
        this.fixedNoise = noise.sample(gridSize, nets.latentDim(), sampleRng);
        this.networkSeed = root.nextLong();
        // Updater state is allocated on first use, in whatever workspace is open then: make it now, outside any.
        nets.generator().initUpdater();
        nets.discriminator().initUpdater();
    }

    /** A training setting (its spec key) that a loss cannot work with, and why. */
    public record Conflict(String key, String message) {
    }

    /** What in the iteration's settings {@code loss} cannot work with, if anything. */
    public static java.util.Optional<Conflict> conflict(GanLoss loss, DiscriminatorUpdate dUpdate,
                                                        boolean generatorFirst) {
        if (dUpdate == DiscriminatorUpdate.SEPARATE && !(loss instanceof SeparableLoss)) {
            return java.util.Optional.of(new Conflict("training.d_update", "separate updates D on each batch alone, "
                    + "which needs a loss with a real and a fake term; this loss reads both batches together: use "
                    + "summed, mean or concat"));
        }
        if (loss.generatorReadsReal() && generatorFirst) {
            return java.util.Optional.of(new Conflict("training.order", "this loss compares G's fakes with the real "
                    + "batch of the D step before, and a g_first iteration has none yet: use d_first"));
        }
        return java.util.Optional.empty();
    }

    /** Writes checkpoints every {@code every} iterations, and when training ends or is stopped. */
    public GanTrainer checkpointTo(CheckpointSink sink, int every) {
        this.checkpoints = sink;
        this.checkpointEvery = every;
        return this;
    }

    /**
     * Stops with a TrainingDivergedException when D has saturated, as the loss's {@link CriticReadout}
     * says (D(x) > 0.99, D(G(z)) < 0.01 for probability critics), this many steps in a row.
     */
    public GanTrainer stopWhenSaturatedFor(int steps) {
        this.saturationLimit = steps;
        return this;
    }

    /**
     * Evaluates the generator every {@code everySteps} iterations (0: never in between) and once when
     * training reaches its budget; a stopped or diverged run is not evaluated at its end.
     */
    public GanTrainer evaluateWith(GeneratorEvaluator evaluator, long everySteps) {
        this.evaluator = evaluator;
        this.evaluateEvery = everySteps;
        return this;
    }

    /** Runs {@code generator}'s steps after every update of G and {@code discriminator}'s after every update of D. */
    public GanTrainer afterUpdates(List<AfterUpdateStep> generator, List<AfterUpdateStep> discriminator) {
        this.generatorSteps = List.copyOf(generator);
        this.discriminatorSteps = List.copyOf(discriminator);
        return this;
    }

    /** Where the run stands now (between iterations). */
    public TrainerState state() {
        List<INDArray> kept = new java.util.ArrayList<>();
        for (AfterUpdateStep s : allAfterUpdateSteps()) {
            kept.add(s.state());
        }
        return new TrainerState(step, order.epoch(), order.position(), order.permutation(), order.rngState(),
                noiseRng.state(), java.util.Collections.unmodifiableList(kept));
    }

    /** Continues from a checkpoint; the networks and the after-update steps must be the checkpoint's too. */
    public void restore(TrainerState state) {
        List<AfterUpdateStep> steps = allAfterUpdateSteps();
        if (state.afterUpdateStates().size() != steps.size()) {
            throw new IllegalArgumentException("the checkpoint has the state of " + state.afterUpdateStates().size()
                    + " after-update steps and the spec names " + steps.size());
        }
        for (int i = 0; i < steps.size(); i++) {
            if (state.afterUpdateStates().get(i) != null) {
                steps.get(i).restore(state.afterUpdateStates().get(i));
            }
        }
        order.restore(state);
        noiseRng.setState(state.noiseRngState());
        step = state.step();
    }

    /**
     * Runs to the budget or until {@code stopRequested} turns true between two iterations. A NaN or
     * infinite loss ends training with a TrainingDivergedException, before any checkpoint of the
     * diverged state is written.
     */
    public long train(BooleanSupplier stopRequested) {
        long total = config.totalSteps(data.size());
        listener.started(total, config.stepsPerEpoch(data.size()));
        if (step == 0) {
            // The untrained generator at step 0: a baseline, and the step MLflow's image views open on.
            listener.samplesGenerated(0, samples());
        }
        boolean stopped = false;
        int saturated = 0;
        while (step < total) {
            if (stopRequested.getAsBoolean()) {
                stopped = true;
                break;
            }
            // Dropout and other in-network randomness: a function of the step, so a resumed run draws the same.
            Nd4j.getRandom().setSeed(networkSeed + step);
            StepMetrics metrics = iteration();
            step++;
            listener.stepCompleted(step, order.epoch(), metrics);
            if (!Double.isFinite(metrics.dLoss()) || !Double.isFinite(metrics.gLoss())) {
                throw new TrainingDivergedException(step, "loss is not finite (d_loss " + metrics.dLoss()
                        + ", g_loss " + metrics.gLoss() + ")");
            }
            saturated = loss.readout().saturated(metrics.dReal(), metrics.dFake()) ? saturated + 1 : 0;
            if (saturationLimit > 0 && saturated >= saturationLimit) {
                throw new TrainingDivergedException(step, "discriminator saturated (D(x) > 0.99, D(G(z)) < 0.01) for "
                        + saturated + " steps");
            }
            if (config.sampleEvery() > 0 && step % config.sampleEvery() == 0 && step < total) {
                listener.samplesGenerated(step, samples());
            }
            if (evaluator != null && evaluateEvery > 0 && step % evaluateEvery == 0 && step < total) {
                evaluate();
            }
            if (checkpoints != null && checkpointEvery > 0 && step % checkpointEvery == 0 && step < total) {
                checkpoints.save(nets, state());
            }
        }
        listener.samplesGenerated(step, samples());
        if (evaluator != null && !stopped && lastEvaluated != step) {
            evaluate();
        }
        if (checkpoints != null) {
            checkpoints.save(nets, state());
        }
        listener.finished(step, stopped);
        return step;
    }

    /** One iteration: {@code dSteps} discriminator updates and {@code gSteps} generator updates, in the configured order. */
    StepMetrics iteration() {
        long start = System.nanoTime();
        double gLoss = 0;
        long gNanos = 0;
        if (config.generatorFirst()) {
            gLoss = generatorSteps();
            gNanos = System.nanoTime() - start;
        }
        long dStart = System.nanoTime();
        double dLoss = 0;
        double dReal = 0;
        double dFake = 0;
        long images = 0;
        long dataNanos = 0;
        for (int i = 0; i < config.dSteps(); i++) {
            long t0 = System.nanoTime();
            INDArray real = data.batch(order.next());
            dataNanos += System.nanoTime() - t0;
            images += real.size(0);
            double[] r = discriminatorStep(real);
            dLoss += r[0];
            dReal += r[1];
            dFake += r[2];
        }
        long dNanos = System.nanoTime() - dStart - dataNanos;
        if (!config.generatorFirst()) {
            long g0 = System.nanoTime();
            gLoss = generatorSteps();
            gNanos = System.nanoTime() - g0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new StepMetrics(dLoss / config.dSteps(), gLoss, dReal / config.dSteps(), dFake / config.dSteps(),
                images / seconds, dNanos / 1e6, gNanos / 1e6, dataNanos / 1e6, images, loss.readout());
    }

    private double generatorSteps() {
        double loss = 0;
        for (int i = 0; i < config.gSteps(); i++) {
            loss += generatorStep(config.batchSize());
        }
        return loss / config.gSteps();
    }

    /**
     * Updates D on one real and one fake batch as {@link TrainingConfig#dUpdate()} says; returns
     * {loss, mean reading of D on the real batch, on the fake batch}.
     */
    double[] discriminatorStep(INDArray real) {
        int batch = (int) real.size(0);
        INDArray fake = toImages(nets.generator().output(noise.sample(batch, nets.latentDim(), noiseRng),
                config.fakesTrainMode()));
        return discriminatorStep(real, fake);
    }

    double[] discriminatorStep(INDArray real, INDArray fake) {
        lastReal = real;
        TrainableNet d = nets.discriminator();
        return switch (config.dUpdate()) {
            case SUMMED -> summedStep(d, real, fake, 1.0);
            case MEAN -> summedStep(d, real, fake, 0.5);
            case SEPARATE -> separateSteps(d, real, fake);
            case CONCAT -> concatStep(d, real, fake);
        };
    }

    /** What one forward/backward pass gives before its update: the loss, mean D(x), mean D(G(z)) (NaN where not seen) and the gradient. */
    private record Pass(double loss, double dReal, double dFake, Gradient gradient) {
    }

    /**
     * Runs {@code pass} with the activations of {@code inPass} in the training workspace, then applies
     * its gradient to {@code target} (outside the workspace: the updater's arrays outlive the pass);
     * returns {loss, D(x), D(G(z))}.
     */
    private double[] update(TrainableNet target, Supplier<Pass> pass, TrainableNet... inPass) {
        Pass done;
        try (MemoryWorkspace activations = TrainableNet.openActivations(inPass)) {
            done = pass.get();
        }
        int iteration = target.iterationCount();
        target.update(done.gradient(), order.epoch());
        List<AfterUpdateStep> after = target == nets.generator() ? generatorSteps : discriminatorSteps;
        if (!after.isEmpty()) {
            io.gantry.api.NetworkParameters parameters = target.parameters();
            for (AfterUpdateStep s : after) {
                s.apply(parameters, iteration);
            }
        }
        return new double[] {done.loss(), done.dReal(), done.dFake()};
    }

    private double[] summedStep(TrainableNet d, INDArray real, INDArray fake, double scale) {
        return update(d, () -> {
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
        INDArray realOut = forward(d, real);
        INDArray realLogits = logits(realOut);
        Term realTerm = separable.real(realLogits);
        double dReal = meanReading(realLogits);
        INDArray gradient = weightGradients(d, realTerm.dLogits().reshape(realOut.shape())).gradient().dup();

        INDArray fakeOut = forward(d, fake);
        INDArray fakeLogits = logits(fakeOut);
        Term fakeTerm = separable.fake(fakeLogits);
        Gradient fakeGradient = weightGradients(d, fakeTerm.dLogits().reshape(fakeOut.shape()));

        // The updater works in place on D's gradient view: put the sum of both terms there.
        fakeGradient.gradient().addi(gradient);
        return new Pass(realTerm.loss() + fakeTerm.loss(), dReal, meanReading(fakeLogits), fakeGradient);
    }

    /**
     * A loss over both batches needs both batches' logits before either backward pass, and a backward
     * pass needs its own batch's forward pass just before it: the real batch goes through D twice, with
     * the same random draws (dropout), so both passes are the same function.
     */
    private Pass bothBatches(TrainableNet d, INDArray real, INDArray fake) {
        long realDraws = Nd4j.getRandom().nextLong();
        Nd4j.getRandom().setSeed(realDraws);
        INDArray realLogits = logits(forward(d, real)).dup();
        INDArray fakeOut = forward(d, fake);
        INDArray fakeLogits = logits(fakeOut);
        Gradients both = loss.discriminator(realLogits, fakeLogits);
        double dFake = meanReading(fakeLogits);
        INDArray gradient = weightGradients(d, both.dFake().reshape(fakeOut.shape())).gradient().dup();

        Nd4j.getRandom().setSeed(realDraws);
        INDArray realOut = forward(d, real);
        Gradient realGradient = weightGradients(d, both.dReal().reshape(realOut.shape()));
        realGradient.gradient().addi(gradient);
        return new Pass(both.loss(), meanReading(realLogits), dFake, realGradient);
    }

    private double[] separateSteps(TrainableNet d, INDArray real, INDArray fake) {
        double[] realStep = update(d, () -> onlyBatch(d, real, true), d);
        double[] fakeStep = update(d, () -> onlyBatch(d, fake, false), d);
        return new double[] {realStep[0] + fakeStep[0], realStep[1], fakeStep[2]};
    }

    /** D on one batch, all real or all fake; the other side's mean is NaN. */
    private Pass onlyBatch(TrainableNet d, INDArray batch, boolean isReal) {
        SeparableLoss separable = (SeparableLoss) loss; // checked in the constructor
        INDArray out = forward(d, batch);
        INDArray logits = logits(out);
        Term term = isReal ? separable.real(logits) : separable.fake(logits);
        double meanD = meanReading(logits);
        Gradient gradient = weightGradients(d, term.dLogits().reshape(out.shape()));
        return new Pass(term.loss(), isReal ? meanD : Double.NaN, isReal ? Double.NaN : meanD, gradient);
    }

    private double[] concatStep(TrainableNet d, INDArray real, INDArray fake) {
        long n = real.size(0);
        return update(d, () -> {
            INDArray out = forward(d, Nd4j.concat(0, real, fake.castTo(real.dataType())));
            INDArray all = logits(out);
            INDArray realLogits = all.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
            INDArray fakeLogits = all.get(NDArrayIndex.interval(n, all.size(0)), NDArrayIndex.all());
            Gradients both = loss.discriminator(realLogits, fakeLogits);
            // One mean over the stacked batch = half of each batch's mean.
            INDArray dLogits = Nd4j.concat(0, both.dReal(), both.dFake()).muli(0.5);
            Gradient gradient = weightGradients(d, dLogits.reshape(out.shape()));
            return new Pass(both.loss(), meanReading(realLogits), meanReading(fakeLogits), gradient);
        }, d);
    }

    /** Mean D output as the loss reads it; a Java loop, since the batch has one logit per image (ND4J ops cost more). */
    private double meanReading(INDArray logits) {
        CriticReadout readout = loss.readout();
        double sum = 0;
        for (long i = 0; i < logits.length(); i++) {
            sum += readout.read(logits.getDouble(i));
        }
        return sum / logits.length();
    }

    /** Updates G through D's input gradient; D's parameters and updater state stay as they are. */
    double generatorStep(int batch) {
        TrainableNet g = nets.generator();
        TrainableNet d = nets.discriminator();
        return update(g, () -> {
            INDArray realLogits = loss.generatorReadsReal() ? logits(forward(d, lastReal)).dup() : null;
            INDArray gOut = forward(g, noise.sample(batch, nets.latentDim(), noiseRng));
            INDArray dOut = forward(d, toImages(gOut));
            Gradients term = loss.generator(logits(dOut), realLogits);
            INDArray dFakeImages = d.backprop(term.dFake().reshape(dOut.shape()), false, true).getSecond();
            d.clearLayersStates();
            Gradient gradient = weightGradients(g, dFakeImages.reshape(gOut.shape()));
            return new Pass(term.loss(), Double.NaN, Double.NaN, gradient);
        }, g, d)[0];
    }

    private void evaluate() {
        evaluator.evaluate(step, this::generate);
        lastEvaluated = step;
    }

    /**
     * Images from a latent stream that restarts at every evaluation, in the sampling batch-norm mode;
     * in chunks of the training batch size when batch norm uses batch statistics, as in training.
     */
    private INDArray generate(int count) {
        return withSamplingWeights(() -> generateWithCurrentWeights(count));
    }

    private INDArray generateWithCurrentWeights(int count) {
        SeededRandom rng = new SeededRandom(config.seed() ^ EVALUATION_SALT);
        int chunk = config.sampleTrainMode() ? config.batchSize() : 1000;
        List<INDArray> parts = new java.util.ArrayList<>();
        for (int done = 0; done < count; done += chunk) {
            int n = Math.min(chunk, count - done);
            parts.add(toImages(nets.generator().output(noise.sample(n, nets.latentDim(), rng),
                    config.sampleTrainMode())).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        }
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    /** Sample grid of the fixed noise batch, in the batch-norm mode the config asks for. */
    public SampleBatch samples() {
        return withSamplingWeights(this::samplesWithCurrentWeights);
    }

    /**
     * Runs {@code sample} with G holding the weights an after-update step keeps for sampling (an EMA),
     * then puts G's own back; with none, as G is.
     */
    private <T> T withSamplingWeights(Supplier<T> sample) {
        INDArray weights = null;
        for (AfterUpdateStep s : generatorSteps) {
            weights = s.samplingWeights() != null ? s.samplingWeights() : weights;
        }
        if (weights == null) {
            return sample.get();
        }
        INDArray params = nets.generator().params();
        INDArray own = params.dup();
        params.assign(weights);
        try {
            return sample.get();
        } finally {
            params.assign(own);
        }
    }

    private List<AfterUpdateStep> allAfterUpdateSteps() {
        List<AfterUpdateStep> all = new java.util.ArrayList<>(generatorSteps);
        all.addAll(discriminatorSteps);
        return all;
    }

    private SampleBatch samplesWithCurrentWeights() {
        INDArray images = toImages(nets.generator().output(fixedNoise, config.sampleTrainMode()));
        ImageShape shape = nets.imageShape();
        return new SampleBatch(images.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat(),
                (int) images.size(0), shape, data.pixelRange());
    }

    /** Training-mode forward pass; inside an activations scope its arrays live until the scope closes. */
    private static INDArray forward(TrainableNet net, INDArray input) {
        return net.forward(input);
    }

    /** The parameters' gradients from the output gradient; no network's input is trained, so no input gradient. */
    private static Gradient weightGradients(TrainableNet net, INDArray epsilon) {
        return net.backprop(epsilon, true, false).getFirst();
    }

    /** D may end in a 1x1 convolution ({@code [b, 1, 1, 1]}); losses see {@code [b, 1]}. */
    private static INDArray logits(INDArray dOutput) {
        return dOutput.rank() == 2 ? dOutput : dOutput.reshape(dOutput.size(0), 1);
    }

    /** G may emit flat rows; D always reads NCHW. */
    private INDArray toImages(INDArray generated) {
        ImageShape s = nets.imageShape();
        return generated.rank() == 4 ? generated : generated.reshape('c', generated.size(0), s.channels(), s.height(),
                s.width());
    }
}
