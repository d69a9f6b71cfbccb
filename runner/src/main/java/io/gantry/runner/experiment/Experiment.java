package io.gantry.runner.experiment;

import io.gantry.api.AdversarialLoss;
import io.gantry.api.AfterUpdate;
import io.gantry.api.Conditioning;
import io.gantry.api.Dataset;
import io.gantry.api.DiscriminatorArchitecture;
import io.gantry.api.GeneratorArchitecture;
import io.gantry.api.ImageShape;
import io.gantry.api.ModelShape;
import io.gantry.api.Network;
import io.gantry.engine.NetworkSize;
import io.gantry.api.NoiseDistribution;
import io.gantry.api.Optimizer;
import io.gantry.api.QualityMetric;
import io.gantry.api.Params;
import io.gantry.engine.DiscriminatorUpdate;
import io.gantry.engine.GanNetworks;
import io.gantry.engine.TrainingConfig;
import io.gantry.runner.plugin.ComponentRegistry.Resolved;
import io.gantry.runner.spec.ExperimentSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A spec with every component found and every parameter validated and defaulted: what one training
 * run is made of, and what gets recorded as its provenance.
 */
public record Experiment(ExperimentSpec spec, Resolved<Dataset> dataset, Resolved<GeneratorArchitecture> generator,
                         Resolved<DiscriminatorArchitecture> discriminator, Resolved<AdversarialLoss> loss,
                         Resolved<Optimizer> generatorOptimizer, Resolved<Optimizer> discriminatorOptimizer,
                         Resolved<NoiseDistribution> noise, ImageShape imageShape,
                         List<Resolved<QualityMetric>> metrics, List<Resolved<AfterUpdate>> generatorAfterUpdate,
                         List<Resolved<AfterUpdate>> discriminatorAfterUpdate) {

    public List<Resolved<?>> components() {
        List<Resolved<?>> all = new java.util.ArrayList<>(List.of(dataset, generator, discriminator, loss,
                generatorOptimizer, discriminatorOptimizer, noise));
        all.addAll(metrics);
        all.addAll(generatorAfterUpdate);
        all.addAll(discriminatorAfterUpdate);
        return all;
    }

    /** Fresh after-update steps for one network, in the spec's order. */
    public static List<io.gantry.api.AfterUpdateStep> steps(List<Resolved<AfterUpdate>> resolved) {
        return resolved.stream().map(r -> r.component().create(r.params())).toList();
    }

    /** Whether this run evaluates quality metrics (the spec's choice, or "auto" on a labelled dataset). */
    public boolean evaluates() {
        return !metrics.isEmpty();
    }

    private ModelShape modelShape() {
        return new ModelShape(spec.latentDim(), imageShape, spec.pixelRange(), spec.seed());
    }

    /**
     * What G is built for: in a conditional run its input counts the K one-hot numbers after the noise.
     */
    public ModelShape generatorShape() {
        int classes = spec.conditionedClasses();
        return classes == 0 ? modelShape() : new ModelShape(spec.latentDim() + classes, imageShape, spec.pixelRange(),
                spec.seed(), classes, spec.conditioningKind());
    }

    /**
     * What D is built for, with its own seed so G and D do not start from correlated weights. In a
     * conditional run its input counts the label channels (concat, projection; an auxiliary classifier reads
     * the image alone, LabelConditioning).
     */
    public ModelShape discriminatorShape() {
        int classes = spec.conditionedClasses();
        long seed = spec.seed() + 1;
        if (classes == 0) {
            return new ModelShape(spec.latentDim(), imageShape, spec.pixelRange(), seed);
        }
        Conditioning kind = spec.conditioningKind();
        int labelChannels = new ModelShape(spec.latentDim(), imageShape, spec.pixelRange(), seed, classes, kind)
                .labelChannels();
        return new ModelShape(spec.latentDim(), new ImageShape(imageShape.channels() + labelChannels,
                imageShape.height(), imageShape.width()), spec.pixelRange(), seed, classes, kind);
    }

    /** Fresh G and D with their optimizers, initialised from the seed. */
    public GanNetworks buildNetworks() {
        ModelShape shape = generatorShape();
        ModelShape dShape = discriminatorShape();
        Network gNet = loading("generator", generator, () -> generator.component().build(generator.params(), shape));
        Network dNet = loading("discriminator", discriminator,
                () -> discriminator.component().build(discriminator.params(), dShape));
        long memory = machineMemory();
        try {
            NetworkSize.requireFits(gNet, "generator", memory);
        } catch (IllegalArgumentException tooLarge) {
            throw spec.document().error("generator", tooLarge.getMessage());
        }
        try {
            NetworkSize.requireFits(dNet, "discriminator", memory);
        } catch (IllegalArgumentException tooLarge) {
            throw spec.document().error("discriminator", tooLarge.getMessage());
        }
        var g = GanNetworks.withOptimizer(gNet, generatorOptimizer.component().create(generatorOptimizer.params()));
        var d = GanNetworks.withOptimizer(dNet, discriminatorOptimizer.component().create(discriminatorOptimizer.params()));
        return new GanNetworks(g, d, imageShape, spec.latentDim());
    }

    /** Runs a plugin's code; a class its jar cannot load becomes one line naming the spec key and the plugin. */
    private <T> T loading(String key, Resolved<?> component, java.util.function.Supplier<T> code) {
        try {
            return code.get();
        } catch (LinkageError e) {
            throw spec.document().error(key + ".type", "plugin " + component.entry().pluginId() + " ("
                    + component.spec().type() + "): " + FailureReason.of(e));
        }
    }

    private static long machineMemory() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean m ? m.getTotalMemorySize() : Long.MAX_VALUE;
    }

    /** @param sampleNoiseSeed seed of the sample-grid noise shared by a sweep's trials; null: from the run's seed */
    public TrainingConfig trainingConfig(Long maxSteps, Long sampleNoiseSeed) {
        Params t = spec.training();
        Params s = spec.sampling();
        int epochs = t.getInt("epochs");
        int steps = t.getInt("steps");
        return new TrainingConfig(t.getInt("batch_size"), epochs > 0 ? epochs : null, steps > 0 ? (long) steps : null,
                maxSteps, t.getInt("d_steps"), t.getInt("g_steps"), s.getInt("every"),
                // a conditional run's grid has one row per class
                spec.conditionedClasses() > 0 ? spec.conditionedClasses() : s.getInt("rows"),
                s.getInt("cols"), s.getString("batchnorm").equals("train"), t.getBoolean("drop_last"), t.getBoolean("shuffle"),
                t.getString("order").equals("g_first"),
                DiscriminatorUpdate.valueOf(t.getString("d_update").toUpperCase(java.util.Locale.ROOT)),
                t.getString("fakes_batchnorm").equals("train"), spec.latentDim(), spec.seed(), sampleNoiseSeed);
    }

    /** The spec as it will run: every block with its defaults filled in. Saved as the run's spec artifact. */
    public Map<String, Object> resolvedTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("experiment", spec.experiment());
        if (!spec.runName().isEmpty()) {
            tree.put("run_name", spec.runName());
        }
        tree.put("seed", spec.seed());
        tree.put("latent_dim", spec.latentDim());
        tree.put("pixel_range", List.of(spec.pixelRange().low(), spec.pixelRange().high()));
        tree.put("dataset", block(dataset));
        tree.put("generator", block(generator));
        tree.put("discriminator", block(discriminator));
        tree.put("loss", block(loss));
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("generator", block(generatorOptimizer));
        optimizer.put("discriminator", block(discriminatorOptimizer));
        tree.put("optimizer", optimizer);
        tree.put("noise", block(noise));
        if (spec.conditionedClasses() > 0) {
            Map<String, Object> conditioning = new LinkedHashMap<>(spec.conditioning().asMap());
            if (spec.conditioningKind() != Conditioning.AUXILIARY) {
                conditioning.remove("class_weight"); // weighs the auxiliary classifier's loss only
            }
            tree.put("conditioning", conditioning);
        }
        tree.put("training", new LinkedHashMap<>(spec.training().asMap()));
        tree.put("sampling", new LinkedHashMap<>(spec.sampling().asMap()));
        tree.put("checkpoint", new LinkedHashMap<>(spec.checkpoint().asMap()));
        Map<String, Object> evaluation = new LinkedHashMap<>(spec.evaluation().asMap());
        evaluation.put("enabled", Boolean.toString(evaluates()));
        if (spec.evaluation().getString("best_metric").isEmpty()) {
            evaluation.remove("best_metric");
            evaluation.remove("best_mode");
        }
        if (evaluates()) {
            evaluation.put("metrics", chosen(metrics));
        }
        tree.put("evaluation", evaluation);
        Map<String, Object> afterUpdate = new LinkedHashMap<>();
        afterUpdate.put("generator", chosen(generatorAfterUpdate));
        afterUpdate.put("discriminator", chosen(discriminatorAfterUpdate));
        if (!generatorAfterUpdate.isEmpty() || !discriminatorAfterUpdate.isEmpty()) {
            tree.put("after_update", afterUpdate);
        }
        return tree;
    }

    /** Every resolved setting as {@code dotted.key -> value}: the run's MLflow params. */
    public Map<String, String> flatParams() {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", resolvedTree(), out);
        return out;
    }

    private static Map<String, Object> chosen(List<? extends Resolved<?>> components) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Resolved<?> r : components) {
            m.put(r.spec().type(), new LinkedHashMap<>(r.params().asMap()));
        }
        return m;
    }

    private static Map<String, Object> block(Resolved<?> r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", r.spec().type());
        m.putAll(r.params().asMap());
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, String> out) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? k : prefix + "." + k;
            if (v instanceof Map) {
                flatten(key, (Map<String, Object>) v, out);
            } else {
                out.put(key, String.valueOf(v));
            }
        });
    }
}
