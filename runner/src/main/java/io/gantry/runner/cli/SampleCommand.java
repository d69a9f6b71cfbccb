package io.gantry.runner.cli;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.gantry.engine.SampleBatch;
import io.gantry.engine.SeededRandom;
import io.gantry.runner.backend.Backend;
import io.gantry.runner.experiment.ExperimentResolver;
import io.gantry.runner.experiment.SampleGridPng;
import io.gantry.runner.sample.GeneratorSource;
import io.gantry.runner.sample.Latents;
import io.gantry.runner.sample.TrainedGenerator;
import io.gantry.tracking.Tracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Draw new images from a trained generator: a grid, or an interpolation strip.",
                "Reads G and its spec from the run's artifacts (file store or server); the same seed gives the "
                        + "same image."})
final class SampleCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_ID|models:/NAME/VERSION",
            description = "A run id, or a version of a registered model (VERSION: a number or latest).")
    String target;

    @Option(names = "--out", paramLabel = "FILE.png", required = true, description = "Where to write the PNG.")
    Path out;

    @Option(names = "--n", paramLabel = "N", defaultValue = "64", description = "Images in the grid (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--truncation", paramLabel = "T",
            description = "Redraw latent values beyond +-T (the truncation trick): fewer, more typical images.")
    Double truncation;

    @Option(names = "--class", paramLabel = "C", description = "The class to draw, for a run trained with conditioning.")
    Integer label;

    @Option(names = "--interpolate", paramLabel = "A,B", split = ",",
            description = "Two seeds: a strip of --frames images from seed A's latent vector to seed B's.")
    long[] interpolate;

    @Option(names = "--frames", paramLabel = "K", defaultValue = "8", description = "Images in the strip (default: ${DEFAULT-VALUE}).")
    int frames;

    @Mixin
    WeightsOption weights;

    @Mixin
    TrackingUriOption tracking;

    @Mixin
    PluginOptions plugins;

    @Inject
    Provider<ExperimentResolver> resolvers;

    @Override
    public Integer call() throws Exception {
        check();
        Tracker tracker = tracking.tracker();
        GeneratorSource source = GeneratorSource.of(target, weights.chosen(), tracker);
        String runId = source.runId();
        Backend.initialise();
        ExperimentResolver resolver = resolvers.get();
        TrainedGenerator g = TrainedGenerator.load(source, tracker, resolver, resolver.plugins());
        int classes = g.classes();
        if (label != null && classes == 0) {
            throw new IllegalArgumentException("--class " + label + ": run " + runId + " was trained without "
                    + "conditioning, so its generator cannot be asked for a class; leave --class out");
        }
        if (label != null && (label < 0 || label >= classes)) {
            throw new IllegalArgumentException("--class " + label + ": run " + runId + " was trained on classes 0 to "
                    + (classes - 1));
        }
        var noise = g.experiment().noise();
        var sampler = noise.component().create(noise.params());
        double t = truncation == null ? 0 : truncation;
        INDArray z;
        int rows;
        int cols;
        if (interpolate != null) {
            INDArray a = Latents.draw(sampler, 1, g.latentDim(), new SeededRandom(interpolate[0]), t);
            INDArray b = Latents.draw(sampler, 1, g.latentDim(), new SeededRandom(interpolate[1]), t);
            z = Latents.slerp(a, b, frames);
            rows = 1;
            cols = frames;
        } else if (classes > 0 && label == null) {
            // one row per class, as the run's own grids
            rows = classes;
            cols = (n + classes - 1) / classes;
            z = Latents.draw(sampler, rows * cols, g.latentDim(), new SeededRandom(seed), t);
        } else {
            z = Latents.draw(sampler, n, g.latentDim(), new SeededRandom(seed), t);
            cols = (int) Math.ceil(Math.sqrt(n));
            rows = (n + cols - 1) / cols;
        }
        int[] asked = null;
        if (classes > 0) {
            asked = new int[(int) z.size(0)];
            for (int i = 0; i < asked.length; i++) {
                asked[i] = label != null ? label : interpolate != null ? 0 : i / cols;
            }
        }
        SampleBatch images = g.generate(z.castTo(Nd4j.defaultFloatingPointType()), asked);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(out, SampleGridPng.render(images, rows, cols));
        System.err.println("sampled " + images.count() + " images from " + g.weights() + " of run " + runId + " ("
                + (interpolate != null ? "seeds " + interpolate[0] + " to " + interpolate[1] : "seed " + seed)
                + (t > 0 ? ", truncation " + t : "") + (label != null ? ", class " + label
                : classes > 0 ? (interpolate != null ? ", class 0" : ", one row per class") : "") + "): " + out);
        return 0;
    }

    private void check() {
        if (n < 1 || n > 1024) {
            throw new IllegalArgumentException("--n " + n + ": draw 1 to 1024 images");
        }
        if (truncation != null && !(truncation > 0 && Double.isFinite(truncation))) {
            throw new IllegalArgumentException("--truncation " + truncation + ": expected a number > 0 (e.g. 1.0)");
        }
        if (interpolate != null && interpolate.length != 2) {
            throw new IllegalArgumentException("--interpolate: expected two seeds, A,B (e.g. 1,2)");
        }
        if (frames < 2 || frames > 64) {
            throw new IllegalArgumentException("--frames " + frames + ": expected 2 to 64");
        }
        if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException("--out " + out + ": the image is a PNG; name it FILE.png");
        }
    }
}
