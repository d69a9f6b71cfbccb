package io.gantry.runner.experiment;

import io.gantry.api.AdversarialLoss;
import io.gantry.api.AfterUpdate;
import io.gantry.api.Dataset;
import io.gantry.api.Conditioning;
import io.gantry.api.DiscriminatorArchitecture;
import io.gantry.api.GeneratorArchitecture;
import io.gantry.api.ImageShape;
import io.gantry.api.NoiseDistribution;
import io.gantry.api.Optimizer;
import io.gantry.api.QualityMetric;
import io.gantry.runner.spec.ComponentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.gantry.api.InvalidParameterException;
import io.gantry.runner.plugin.ComponentKind;
import io.gantry.runner.plugin.ComponentRegistry;
import io.gantry.runner.plugin.ComponentRegistry.Resolved;
import io.gantry.runner.spec.ExperimentSpec;
import io.gantry.runner.spec.MetricDirection;
import io.gantry.runner.spec.SpecDocument;
import io.gantry.runner.spec.SpecException;
import jakarta.inject.Inject;

/**
 * Turns a spec into an {@link Experiment} and checks everything that can be checked without
 * training: component names, parameters, and that G and D can be built for the data's shape and
 * fit together.
 */
public final class ExperimentResolver {
    private final ComponentRegistry registry;

    @Inject
    public ExperimentResolver(ComponentRegistry registry) {
        this.registry = registry;
    }

    /** The loaded plugins, whose classes restored models may need. */
    public org.pf4j.PluginManager plugins() {
        return registry.plugins();
    }

    /** An experiment whose networks were built once to prove they fit the data and each other. */
    public record Checked(Experiment experiment, io.gantry.engine.GanNetworks networks) {
    }

    /** Everything validate checks: components, parameters, and G and D built for the data. */
    public Checked resolveChecked(SpecDocument doc) {
        Experiment e = resolve(doc);
        return new Checked(e, checkNetworks(e));
    }

    /** The discriminator must take the spec's kind of conditioning; the message names those that do. */
    private void checkConditioning(ExperimentSpec spec, Resolved<DiscriminatorArchitecture> d, SpecDocument doc) {
        Conditioning kind = spec.conditioningKind();
        if (d.component().accepts(kind)) {
            return;
        }
        List<String> taking = registry.components(ComponentKind.DISCRIMINATOR).entrySet().stream()
                .filter(c -> ((DiscriminatorArchitecture) c.getValue().component()).accepts(kind))
                .map(Map.Entry::getKey).sorted().toList();
        String type = spec.conditioning().getString("type");
        String others = taking.isEmpty() ? "one from a plugin that takes it" : String.join(", ", taking);
        if (kind == Conditioning.PROJECTION || kind == Conditioning.AUXILIARY) {
            throw doc.error("discriminator.type", "'" + d.spec().type() + "' cannot be built for conditioning.type '"
                    + type + "' (" + (kind == Conditioning.PROJECTION ? "a projection discriminator" : "a second head "
                    + "with one logit per class") + "): use " + others + ", or conditioning.type concat");
        }
        throw doc.error("discriminator.type", "'" + d.spec().type() + "' cannot be built for conditioning.type '"
                + type + "': use " + others + ", or the conditioning.type it is written for");
    }

    public Experiment resolve(SpecDocument doc) {
        ExperimentSpec spec = ExperimentSpec.from(doc);
        Resolved<Dataset> dataset = registry.resolve(ComponentKind.DATASET, Dataset.class, spec.dataset(), doc);
        ImageShape shape = dataset.component().shape(dataset.params());
        if (spec.conditionedClasses() > 0 && !dataset.component().labelled(dataset.params())) {
            throw doc.error("conditioning.type", "'" + spec.conditioning().getString("type") + "' conditions on the "
                    + "data's classes, and dataset '" + spec.dataset().type() + "' has no labels: use a labelled "
                    + "dataset (mnist, fashion-mnist) or leave conditioning out");
        }
        Experiment e = new Experiment(spec, dataset,
                registry.resolve(ComponentKind.GENERATOR, GeneratorArchitecture.class, spec.generator(), doc),
                registry.resolve(ComponentKind.DISCRIMINATOR, DiscriminatorArchitecture.class, spec.discriminator(),
                        doc),
                registry.resolve(ComponentKind.LOSS, AdversarialLoss.class, spec.loss(), doc),
                registry.resolve(ComponentKind.OPTIMIZER, Optimizer.class, spec.generatorOptimizer(), doc),
                registry.resolve(ComponentKind.OPTIMIZER, Optimizer.class, spec.discriminatorOptimizer(), doc),
                registry.resolve(ComponentKind.NOISE, NoiseDistribution.class, spec.noise(), doc), shape,
                metrics(spec, dataset, shape), afterUpdate(spec.generatorAfterUpdate(), doc),
                afterUpdate(spec.discriminatorAfterUpdate(), doc));
        checkConditioning(spec, e.discriminator(), doc);
        checkBestMetric(spec, e.metrics(), doc);
        for (var step : e.generatorAfterUpdate()) {
            created(doc, step, () -> step.component().create(step.params()));
        }
        for (var step : e.discriminatorAfterUpdate()) {
            created(doc, step, () -> step.component().create(step.params()));
        }
        // Cross-parameter checks live in the components' factories; run them now, not mid-run.
        created(doc, e.loss(), () -> {
            var loss = e.loss().component().create(e.loss().params());
            var t = spec.training();
            io.gantry.engine.GanTrainer.conflict(loss, io.gantry.engine.DiscriminatorUpdate.valueOf(
                    t.getString("d_update").toUpperCase(java.util.Locale.ROOT)), t.getString("order").equals("g_first"))
                    .ifPresent(c -> {
                        throw doc.error(c.key(), "loss '" + e.loss().spec().type() + "': " + c.message());
                    });
            if (loss.readout() == io.gantry.api.CriticReadout.SCORE && t.getInt("stop_if_d_saturated_for") > 0) {
                throw doc.error("training.stop_if_d_saturated_for", "loss '" + e.loss().spec().type() + "' reads "
                        + "its critic as a score, which never saturates (its G keeps a gradient when D wins): "
                        + "remove the setting, or use a probability loss such as non-saturating");
            }
        });
        created(doc, e.noise(), () -> e.noise().component().create(e.noise().params()));
        return e;
    }

    /** {@code evaluation.best_metric} must be a number the run's metrics log. */
    private static void checkBestMetric(ExperimentSpec spec, List<Resolved<QualityMetric>> metrics, SpecDocument doc) {
        String best = spec.evaluation().getString("best_metric");
        if (best.isEmpty()) {
            return;
        }
        List<String> logged = metrics.stream().flatMap(m -> m.component().metricNames().stream()).distinct().toList();
        if (logged.isEmpty()) {
            throw doc.error("evaluation.best_metric", "'" + best + "' is never evaluated: this run has no quality "
                    + "metrics; remove best_metric or evaluate the run (a labelled dataset, evaluation.metrics)");
        }
        if (!logged.contains(best)) {
            throw doc.error("evaluation.best_metric", "'" + best + "' is not a metric this run logs; its quality "
                    + "metrics log: " + String.join(", ", logged));
        }
        if (spec.evaluation().getString("best_mode").equals("auto") && MetricDirection.minimised(best).isEmpty()) {
            throw doc.error("evaluation.best_metric", "say whether lower or higher '" + best + "' is better: "
                    + "evaluation.best_mode: min or max");
        }
    }

    private List<Resolved<AfterUpdate>> afterUpdate(List<ComponentSpec> steps, SpecDocument doc) {
        return steps.stream().map(c -> registry.resolve(ComponentKind.AFTER_UPDATE, AfterUpdate.class, c, doc)).toList();
    }

    /**
     * The quality metrics this run evaluates: none when switched off, or when left on "auto" and the
     * dataset has no labels; those the spec names, or else every installed one.
     */
    private List<Resolved<QualityMetric>> metrics(ExperimentSpec spec, Resolved<Dataset> dataset, ImageShape shape) {
        SpecDocument doc = spec.document();
        String enabled = spec.evaluation().getString("enabled");
        boolean labelled = dataset.component().labelled(dataset.params());
        if (enabled.equals("false") || (enabled.equals("auto") && !labelled && spec.metrics() == null)) {
            return List.of();
        }
        if (!labelled) {
            throw doc.error(spec.metrics() != null ? "evaluation.metrics" : "evaluation.enabled", "dataset '"
                    + dataset.spec().type() + "' has no labels, and quality metrics judge generated images with a "
                    + "classifier trained on labelled ones (mnist, fashion-mnist); set 'evaluation: {enabled: false}'");
        }
        List<ComponentSpec> chosen = spec.metrics() != null ? spec.metrics()
                : registry.components(ComponentKind.METRIC).keySet().stream()
                        .map(name -> new ComponentSpec("evaluation.metrics." + name, name, Map.of())).toList();
        if (chosen.isEmpty() && enabled.equals("true")) {
            throw doc.error("evaluation.enabled", "no quality metric is installed (the gantry-metrics plugin is "
                    + "missing from the plugins folder); install it or set 'evaluation: {enabled: false}'");
        }
        List<Resolved<QualityMetric>> out = new ArrayList<>();
        boolean conditional = spec.conditionedClasses() > 0;
        for (ComponentSpec c : chosen) {
            Resolved<QualityMetric> m = registry.resolve(ComponentKind.METRIC, QualityMetric.class, c, doc);
            if (m.component().needsConditioning() && !conditional) {
                if (spec.metrics() == null) {
                    continue;
                }
                throw doc.error(c.key(), "quality metric '" + c.type() + "' judges class-conditional runs, and this "
                        + "spec has no conditioning: add 'conditioning: {type: concat}' or leave the metric out");
            }
            try {
                m.component().checkData(m.params(), shape, labelled);
            } catch (IllegalArgumentException e) {
                throw doc.error(c.key(), e.getMessage());
            }
            out.add(m);
        }
        return out;
    }

    /** Builds G and D once to prove they fit the data and each other; returns them for describe. */
    public io.gantry.engine.GanNetworks checkNetworks(Experiment e) {
        SpecDocument doc = e.spec().document();
        io.gantry.engine.GanNetworks nets;
        try {
            nets = e.buildNetworks();
        } catch (SpecException ex) {
            throw ex;
        } catch (InvalidParameterException ex) {
            throw doc.error("generator", ex.getMessage());
        } catch (RuntimeException ex) {
            throw new SpecException(doc.file().getFileName() + ": generator/discriminator: cannot build the networks"
                    + " for " + e.imageShape() + " images: " + ex.getMessage());
        }
        int classes = e.spec().conditionedClasses();
        var conditioning = classes > 0 ? io.gantry.engine.LabelConditioning.layout(e.spec().conditioningKind(), classes)
                : null;
        int[] asked = {0, 1};
        var z = org.nd4j.linalg.factory.Nd4j.zeros(nets.generator().dataType(), 2, e.spec().latentDim());
        org.nd4j.linalg.api.ndarray.INDArray out;
        try {
            out = nets.generator().output(conditioning != null ? conditioning.generatorInput(z, asked) : z, false);
        } catch (RuntimeException ex) {
            throw doc.error("generator.type", "generator '" + e.generator().spec().type() + "' cannot take "
                    + e.spec().latentDim() + (classes > 0 ? " + " + classes + " (conditioning)" : "") + " inputs: "
                    + ex.getMessage());
        }
        if (out.length() != 2L * e.imageShape().pixels()) {
            throw doc.error("generator.type", "generator '" + e.generator().spec().type() + "' makes "
                    + java.util.Arrays.toString(out.shape()) + " for a batch of 2, but the dataset has "
                    + e.imageShape() + " images");
        }
        var images = out.reshape(2, e.imageShape().channels(), e.imageShape().height(), e.imageShape().width());
        org.nd4j.linalg.api.ndarray.INDArray logits;
        try {
            logits = nets.discriminator().output(conditioning != null ? conditioning.discriminatorInput(images, asked)
                    : images, false);
        } catch (RuntimeException ex) {
            throw doc.error("discriminator.type", "discriminator '" + e.discriminator().spec().type() + "' cannot "
                    + "read " + e.imageShape() + " images" + (e.discriminatorShape().labelChannels() > 0 ? " with "
                    + classes + " class channels" : "")
                    + ": " + ex.getMessage());
        }
        int outputs = e.discriminatorShape().criticOutputs();
        if (logits.length() != 2L * outputs) {
            throw doc.error("discriminator.type", "discriminator '" + e.discriminator().spec().type()
                    + "' must output " + (outputs == 1 ? "one logit per image" : outputs + " numbers per image (the "
                    + "logit, then one per class)") + ", got " + java.util.Arrays.toString(logits.shape())
                    + " for a batch of 2");
        }
        return nets;
    }

    private static void created(SpecDocument doc, Resolved<?> r, Runnable factory) {
        try {
            factory.run();
        } catch (InvalidParameterException ex) {
            throw doc.error(r.spec().key() + "." + ex.key(), ex.getMessage());
        }
    }
}
