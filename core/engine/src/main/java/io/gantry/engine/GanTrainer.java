package io.gantry.engine;

import io.gantry.api.AfterUpdateStep;
import io.gantry.api.CriticReadout;
import io.gantry.api.GanLoss;
import io.gantry.api.GanLoss.Gradients;
import io.gantry.api.ImageShape;
import io.gantry.api.ImageSource;
import io.gantry.api.NoiseSampler;
import io.gantry.api.SeparableLoss;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
    private Set<Long> decisionSteps = Set.of();
    private LongPredicate goOn = at -> true;
    private final Updates updates;
    /** D's updates, and how D's output reads (an auxiliary classifier's class logits after the logit). */
    private DiscriminatorSteps discriminatorSteps;
    /** The real batch of the latest D step, as D read it: what a relativistic G loss compares its fakes with. */
    private INDArray lastReal;
    /** Class-conditional training, or null. */
    private LabelConditioning conditioning;
    /** The classes of the sample grid's rows, when conditional. */
    private int[] gridClasses;

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
        this.updates = new Updates(nets, order::epoch);
        this.discriminatorSteps = new DiscriminatorSteps(loss, config.dUpdate(), updates, CriticOutput.LOGIT);
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

    /**
     * Trains G and D on the data's classes ({@link LabelConditioning}); the networks must have been built
     * for the conditioned input sizes. The sample grid's row r shows class r.
     */
    public GanTrainer conditionedOn(LabelConditioning conditioning) {
        this.conditioning = conditioning;
        this.discriminatorSteps = new DiscriminatorSteps(loss, config.dUpdate(), updates, conditioning.critic());
        this.gridClasses = conditioning.gridRows(config.sampleRows(), config.sampleCols());
        return this;
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

    /**
     * Asks {@code goOn} after each of {@code steps} (below the budget), with quality just evaluated
     * there when an evaluator is set; false ends training as a stop does (checkpoint, no final
     * evaluation). Early stopping of a sweep's trials.
     */
    public GanTrainer decideAt(Collection<Long> steps, LongPredicate goOn) {
        this.decisionSteps = Set.copyOf(steps);
        this.goOn = goOn;
        return this;
    }

    /** Runs {@code generator}'s steps after every update of G and {@code discriminator}'s after every update of D. */
    public GanTrainer afterUpdates(List<AfterUpdateStep> generator, List<AfterUpdateStep> discriminator) {
        updates.attach(generator, discriminator);
        return this;
    }

    /** Where the run stands now (between iterations). */
    public TrainerState state() {
        List<INDArray> kept = new java.util.ArrayList<>();
        for (AfterUpdateStep s : updates.all()) {
            kept.add(s.state());
        }
        return new TrainerState(step, order.epoch(), order.position(), order.permutation(), order.rngState(),
                noiseRng.state(), java.util.Collections.unmodifiableList(kept));
    }

    /** Continues from a checkpoint; the networks and the after-update steps must be the checkpoint's too. */
    public void restore(TrainerState state) {
        List<AfterUpdateStep> steps = updates.all();
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
        DivergenceGuard guard = new DivergenceGuard(loss.readout(), saturationLimit);
        PeriodicActions periodic = new PeriodicActions();
        periodic.every(config.sampleEvery(), at -> listener.samplesGenerated(at, samples()));
        periodic.every(evaluator != null ? evaluateEvery : 0, at -> evaluate());
        periodic.every(checkpoints != null ? checkpointEvery : 0, at -> checkpoints.save(nets, state()));
        boolean stopped = false;
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
            guard.check(step, metrics);
            periodic.afterStep(step, total);
            if (!decisionSteps.isEmpty() && step < total && decisionSteps.contains(step)) {
                if (evaluator != null && lastEvaluated != step) {
                    evaluate();
                }
                if (!goOn.test(step)) {
                    stopped = true;
                    break;
                }
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
            int[] indices = order.next();
            INDArray real = data.batch(indices);
            int[] realY = null;
            if (conditioning != null) {
                realY = conditioning.labelsOf(indices);
                real = conditioning.discriminatorInput(real, realY);
            }
            dataNanos += System.nanoTime() - t0;
            images += real.size(0);
            double[] r = discriminatorStep(real, realY);
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
        return discriminatorStep(real, (int[]) null);
    }

    /** The same, with the real batch's classes (D's input already laid out) when the run is conditional. */
    double[] discriminatorStep(INDArray real, int[] realY) {
        int batch = (int) real.size(0);
        INDArray z = noise.sample(batch, nets.latentDim(), noiseRng);
        if (conditioning == null) {
            return discriminatorStep(real, toImages(nets.generator().output(z, config.fakesTrainMode())));
        }
        int[] y = conditioning.draw(batch, noiseRng);
        INDArray fake = toImages(nets.generator().output(conditioning.generatorInput(z, y), config.fakesTrainMode()));
        return discriminatorStep(real, realY, conditioning.discriminatorInput(fake, y), y);
    }

    double[] discriminatorStep(INDArray real, INDArray fake) {
        return discriminatorStep(real, null, fake, null);
    }

    private double[] discriminatorStep(INDArray real, int[] realY, INDArray fake, int[] fakeY) {
        lastReal = real;
        return discriminatorSteps.step(nets.discriminator(), real, realY, fake, fakeY);
    }

    /** Updates G through D's input gradient; D's parameters and updater state stay as they are. */
    double generatorStep(int batch) {
        TrainableNet g = nets.generator();
        TrainableNet d = nets.discriminator();
        CriticOutput critic = discriminatorSteps.critic();
        return updates.apply(g, () -> {
            INDArray realLogits = loss.generatorReadsReal() ? critic.logits(d.forward(lastReal)).dup() : null;
            INDArray z = noise.sample(batch, nets.latentDim(), noiseRng);
            int[] y = conditioning != null ? conditioning.draw(batch, noiseRng) : null;
            INDArray gOut = g.forward(y != null ? conditioning.generatorInput(z, y) : z);
            INDArray dOut = d.forward(y != null ? conditioning.discriminatorInput(toImages(gOut), y) : toImages(gOut));
            Gradients term = loss.generator(critic.logits(dOut), realLogits);
            CriticOutput.Backward back = critic.backward(dOut, term.dFake(), y);
            INDArray dFakeImages = d.backprop(back.epsilon(), false, true).getSecond();
            if (y != null && conditioning.labelChannels()) {
                dFakeImages = LabelConditioning.imageGradient(dFakeImages.reshape(dFakeImages.size(0),
                        nets.imageShape().channels() + conditioning.classes(), nets.imageShape().height(),
                        nets.imageShape().width()), nets.imageShape().channels()).dup();
            }
            d.clearLayersStates();
            Gradient gradient = Updates.weightGradients(g, dFakeImages.reshape(gOut.shape()));
            return new Updates.Pass(term.loss() + back.classLoss(), Double.NaN, Double.NaN, gradient);
        }, g, d)[0];
    }

    private void evaluate() {
        evaluator.evaluate(step, new GeneratorEvaluator.ImageGenerator() {
            @Override
            public INDArray generate(int count) {
                return GanTrainer.this.generate(count);
            }

            @Override
            public int[] classes(int count) {
                return conditioning != null ? conditioning.cycle(count) : null;
            }
        });
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
        int[] classes = conditioning != null ? conditioning.cycle(count) : null;
        List<INDArray> parts = new java.util.ArrayList<>();
        for (int done = 0; done < count; done += chunk) {
            int n = Math.min(chunk, count - done);
            INDArray z = noise.sample(n, nets.latentDim(), rng);
            if (classes != null) {
                z = conditioning.generatorInput(z, java.util.Arrays.copyOfRange(classes, done, done + n));
            }
            parts.add(toImages(nets.generator().output(z, config.sampleTrainMode()))
                    .castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
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
    public <T> T withSamplingWeights(Supplier<T> sample) {
        INDArray weights = samplingWeights();
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

    /** The weights G samples with when an after-update step keeps them (the last such step's), else null. */
    public INDArray samplingWeights() {
        INDArray weights = null;
        for (AfterUpdateStep s : updates.generatorSteps()) {
            weights = s.samplingWeights() != null ? s.samplingWeights() : weights;
        }
        return weights;
    }

    private SampleBatch samplesWithCurrentWeights() {
        INDArray z = conditioning != null ? conditioning.generatorInput(fixedNoise, gridClasses) : fixedNoise;
        INDArray images = toImages(nets.generator().output(z, config.sampleTrainMode()));
        ImageShape shape = nets.imageShape();
        return new SampleBatch(images.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat(),
                (int) images.size(0), shape, data.pixelRange());
    }

    /** G may emit flat rows; D always reads NCHW. */
    private INDArray toImages(INDArray generated) {
        ImageShape s = nets.imageShape();
        return generated.rank() == 4 ? generated : generated.reshape('c', generated.size(0), s.channels(), s.height(),
                s.width());
    }
}
