package io.gantry.runner.sample;

import io.gantry.api.Network;
import io.gantry.engine.LabelConditioning;
import io.gantry.engine.SampleBatch;
import io.gantry.runner.experiment.Experiment;
import io.gantry.runner.experiment.ExperimentResolver;
import io.gantry.runner.plugin.ModelFiles;
import io.gantry.runner.spec.SpecLoader;
import io.gantry.tracking.Tracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.PluginManager;

/**
 * A finished run's generator, read back from its artifacts (file store or server) with the spec it
 * was trained from: what {@code gantry sample} draws from.
 *
 * @param weights the artifact G came from ({@code models/generator.zip}): in its folder, the EMA generator
 *     where the run kept one (what its sample grids and metrics showed), else G itself
 */
public record TrainedGenerator(String runId, String weights, Experiment experiment, Network generator) {
    static final String EMA = "generator-ema.zip";
    static final String PLAIN = "generator.zip";

    public static TrainedGenerator load(GeneratorSource source, Tracker tracker, ExperimentResolver resolver,
                                        PluginManager plugins) {
        String runId = source.runId();
        tracker.runSummary(runId);
        String weights = source.folder() + "/" + (tracker.hasArtifact(runId, source.folder() + "/" + EMA)
                ? EMA : PLAIN);
        byte[] zip = tracker.readArtifact(runId, weights).orElseThrow(() -> noGenerator(source));
        String spec = tracker.readArtifact(runId, "spec.yaml").map(b -> new String(b, StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalArgumentException("run " + runId + " has no spec.yaml artifact: it was "
                        + "not written by gantry run"));
        Path file = null;
        try {
            Experiment experiment = resolver.resolve(new SpecLoader().parse(Path.of(runId + "/spec.yaml"), spec));
            file = Files.createTempFile("gantry-generator", ".zip");
            Files.write(file, zip);
            return new TrainedGenerator(runId, weights, experiment, ModelFiles.restore(file, plugins));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the generator of run " + runId + ": " + e.getMessage(), e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    /** The error for a run (or a registered folder) without G. */
    static IllegalArgumentException noGenerator(GeneratorSource source) {
        return new IllegalArgumentException("run " + source.runId() + " has no saved generator (" + source.folder()
                + "/" + PLAIN + "): only runs that ended, FINISHED or stopped, save one; a crashed run can be resumed "
                + "to the end with gantry resume " + source.runId());
    }

    /** Images for latent rows {@code z} asked to be {@code classes} (null for an unconditional run). */
    public SampleBatch generate(INDArray z, int[] classes) {
        if (classes == null) {
            return generate(z);
        }
        int k = classes();
        var conditioning = LabelConditioning.layout(experiment.spec().conditioningKind(), k);
        return generate(conditioning.generatorInput(z, classes));
    }

    /** The classes G was conditioned on; 0 when the run was not conditional. */
    public int classes() {
        return experiment.spec().conditionedClasses();
    }

    /** Images for G's input rows, in the run's sampling mode for batch norm (as its logged grids). */
    private SampleBatch generate(INDArray z) {
        boolean train = experiment.spec().sampling().getString("batchnorm").equals("train");
        INDArray out = generator instanceof Network.LayerStack s ? s.net().output(z, train)
                : ((Network.Graph) generator).graph().outputSingle(train, z);
        var shape = experiment.imageShape();
        INDArray images = out.rank() == 4 ? out : out.reshape('c', out.size(0), shape.channels(), shape.height(),
                shape.width());
        return new SampleBatch(images.castTo(DataType.FLOAT).dup('c').data().asFloat(), (int) images.size(0), shape,
                experiment.spec().pixelRange());
    }

    public int latentDim() {
        return experiment.spec().latentDim();
    }
}
