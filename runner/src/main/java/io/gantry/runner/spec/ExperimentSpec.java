package io.gantry.runner.spec;

import io.gantry.api.Conditioning;

import io.gantry.api.PixelRange;
import io.gantry.api.InvalidParameterException;
import io.gantry.api.ParameterSchema;
import io.gantry.api.Params;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checked structure of a spec: which component goes where, and the engine's own settings
 * (training, sampling, tracking) bound against their schemas. Component parameters are checked
 * later, against the schema each plugin declares.
 */
public record ExperimentSpec(SpecDocument document, String experiment, String runName, long seed, int latentDim,
                             PixelRange pixelRange,
                             ComponentSpec dataset, ComponentSpec generator, ComponentSpec discriminator,
                             ComponentSpec loss, ComponentSpec generatorOptimizer,
                             ComponentSpec discriminatorOptimizer, ComponentSpec noise, Params training,
                             Params sampling, Params tracking, Params checkpoint, Params evaluation,
                             List<ComponentSpec> metrics, List<ComponentSpec> generatorAfterUpdate,
                             List<ComponentSpec> discriminatorAfterUpdate, Params conditioning) {

    static final int MAX_LATENT_DIM = 16_384;
    static final Set<String> TOP_LEVEL = Set.of("experiment", "run_name", "seed", "latent_dim", "dataset",
            "generator", "discriminator", "loss", "optimizer", "noise", "training", "sampling", "tracking", "pixel_range", "sweep", "launcher", "checkpoint",
            "evaluation", "after_update", "conditioning");

    public static final ParameterSchema TRAINING = ParameterSchema.builder()
            .integer("batch_size", 64, 1, 65_536, "real images per discriminator step")
            .integer("epochs", 0, 0, null, "passes of D over the data (set this or steps)")
            .integer("steps", 0, 0, null, "iterations to train (set this or epochs)")
            .integer("d_steps", 1, 1, 1000, "discriminator updates per iteration")
            .integer("g_steps", 1, 1, 1000, "generator updates per iteration")
            .bool("drop_last", false, "drop each epoch's last, smaller batch")
            .bool("shuffle", true, "reshuffle the data every epoch (false: file order every epoch)")
            .choice("order", "d_first", List.of("d_first", "g_first"), "whether D's or G's steps come first in an iteration")
            .choice("d_update", "summed", List.of("summed", "mean", "separate", "concat"),
                    "D step: one update from the sum (or mean) of the real and fake losses, two updates (real, "
                            + "then fake), or one on the stacked batch")
            .choice("fakes_batchnorm", "train", List.of("train", "inference"),
                    "batch norm mode of G when making D's fakes (Keras predict: inference)")
            .integer("stop_if_d_saturated_for", 0, 0, null,
                    "end the run FAILED when D(x) > 0.99 and D(G(z)) < 0.01 for this many steps in a row (0: never)")
            .build();

    public static final ParameterSchema CHECKPOINT = ParameterSchema.builder()
            .integer("every", 1000, 0, null, "iterations between checkpoints (0: only at the end and on Ctrl-C)")
            .integer("keep", 3, 1, null, "checkpoints kept per run, newest first")
            .string("dir", "checkpoints", "folder of checkpoints, one subfolder per run id")
            .build();

    /** Class-conditional training; the data's labels reach G and D. */
    public static final ParameterSchema CONDITIONING = ParameterSchema.builder()
            .choice("type", "none", List.of("none", "concat", "projection", "auxiliary"),
                    "none; concat: G reads its noise with the class one-hot after it, D the image with one "
                            + "constant channel per class (Mirza and Osindero 2014; Keras' conditional GAN); "
                            + "projection: G as concat, D a projection discriminator that adds embed(y) . phi(x) "
                            + "to its logit (Miyato and Koyama 2018; discriminator: projection-dcgan); auxiliary: G as "
                            + "concat, D reads the image alone and also outputs class logits, trained with a "
                            + "cross-entropy term in both losses (AC-GAN, Odena et al. 2017)")
            .integer("classes", 10, 2, 1000, "the dataset's classes, labels 0 to classes-1 (checked against the data)")
            .number("class_weight", 1.0, 0.0, 1000.0, "auxiliary only: weight of the class cross-entropy in D's and "
                    + "G's losses (AC-GAN: 1)")
            .build();

    public static final ParameterSchema SAMPLING = ParameterSchema.builder()
            .integer("every", 500, 0, null, "iterations between sample grids (0: only at the end)")
            .integer("rows", 5, 1, 100, "rows of the sample grid")
            .integer("cols", 5, 1, 100, "columns of the sample grid")
            .choice("batchnorm", "inference", List.of("inference", "train"),
                    "batch norm mode when sampling: running averages (inference) or batch statistics (train)")
            .build();

    /** Quality metrics; the metric components and their parameters are under {@code evaluation.metrics}. */
    public static final ParameterSchema EVALUATION = ParameterSchema.builder()
            .choice("enabled", "auto", List.of("auto", "true", "false"),
                    "evaluate quality metrics (auto: when the dataset has labels)")
            .integer("every", 0, 0, null, "iterations between evaluations (0: only at the end)")
            .integer("every_epochs", 0, 0, null, "epochs between evaluations (0: only at the end)")
            .integer("samples", 10_000, 100, 1_000_000, "generated images per evaluation")
            .string("best_metric", "", "keep a copy of G (best/) at the evaluation where this metric was best, "
                    + "e.g. fcd; empty: keep only the last G")
            .choice("best_mode", "auto", List.of("auto", "min", "max"), "which value of best_metric is best (auto: "
                    + "known for the built-in metrics)")
            .build();

    public static final ParameterSchema TRACKING = ParameterSchema.builder()
            .string("uri", "", "MLflow tracking URI: a folder for the file store (default ./mlruns)")
            .build();

    public static ExperimentSpec from(SpecDocument doc) {
        for (String key : doc.root().keySet()) {
            if (!TOP_LEVEL.contains(key)) {
                throw doc.error(key, "unknown key; allowed top-level keys: " + String.join(", ",
                        TOP_LEVEL.stream().sorted().toList()));
            }
        }
        String experiment = string(doc, "experiment", null);
        String runName = string(doc, "run_name", "");
        long seed = integer(doc, "seed", 42);
        long latentRaw = integer(doc, "latent_dim", 100);
        int latent = (int) latentRaw;
        if (latentRaw < 1 || latentRaw > MAX_LATENT_DIM) {
            // the noise is latent_dim floats per image: far past any published GAN's 512 lies a native crash
            throw doc.error("latent_dim", "is " + latentRaw + " but must be an integer in [1, " + MAX_LATENT_DIM + "]");
        }
        Map<String, Object> optimizer = doc.mapping("optimizer");
        for (String key : optimizer.keySet()) {
            if (!key.equals("generator") && !key.equals("discriminator")) {
                throw doc.error("optimizer." + key, "unknown key; allowed: generator, discriminator");
            }
        }
        Params training = bind(doc, "training", TRAINING);
        if ((training.getInt("epochs") > 0) == (training.getInt("steps") > 0)) {
            throw doc.error("training", "set exactly one of training.epochs and training.steps (a positive number)");
        }
        return new ExperimentSpec(doc, experiment, runName, seed, latent, pixelRange(doc),
                component(doc, "dataset"), component(doc, "generator"), component(doc, "discriminator"),
                component(doc, "loss"), component(doc, "optimizer.generator"),
                component(doc, "optimizer.discriminator"), component(doc, "noise"),
                training, bind(doc, "sampling", SAMPLING), bind(doc, "tracking", TRACKING),
                bind(doc, "checkpoint", CHECKPOINT), evaluation(doc),
                components(doc, "evaluation.metrics", "metric", "[fcd, class-coverage]"),
                afterUpdate(doc, "generator"), afterUpdate(doc, "discriminator"), bind(doc, "conditioning", CONDITIONING));
    }

    /** How the class reaches D; {@link Conditioning#NONE} when the run is not conditional. */
    public Conditioning conditioningKind() {
        return Conditioning.valueOf(conditioning.getString("type").toUpperCase(java.util.Locale.ROOT));
    }

    /** The number of classes G and D are conditioned on; 0 when the run is not conditional. */
    public int conditionedClasses() {
        return conditioning.getString("type").equals("none") ? 0 : conditioning.getInt("classes");
    }

    /** The steps after each update of one network ({@code after_update.generator: {ema: {decay: 0.999}}}); none by default. */
    private static List<ComponentSpec> afterUpdate(SpecDocument doc, String network) {
        for (String key : doc.mapping("after_update").keySet()) {
            if (!key.equals("generator") && !key.equals("discriminator")) {
                throw doc.error("after_update." + key, "unknown key; allowed: generator, discriminator");
            }
        }
        List<ComponentSpec> steps = components(doc, "after_update." + network, "after-update step",
                "[ema] or {clip-weights: {bound: 0.01}}");
        return steps == null ? List.of() : steps;
    }

    private static Params evaluation(SpecDocument doc) {
        Map<String, Object> block = new LinkedHashMap<>(doc.mapping("evaluation"));
        block.remove("metrics");
        // YAML reads 'enabled: true' as a boolean; the schema's choice is the word.
        block.computeIfPresent("enabled", (k, v) -> v instanceof Boolean b ? b.toString() : v);
        try {
            return EVALUATION.bind(block);
        } catch (InvalidParameterException e) {
            throw doc.error("evaluation." + e.key(), e.getMessage());
        }
    }

    /**
     * The components under {@code key}, as a mapping of name to parameters ({@code fcd: {}},
     * {@code class-coverage: {min_share: 0.05}}) or a list of names; null when the spec names none.
     */
    @SuppressWarnings("unchecked")
    private static List<ComponentSpec> components(SpecDocument doc, String key, String what, String example) {
        Object value = doc.get(key);
        if (value == null) {
            return null;
        }
        List<ComponentSpec> out = new java.util.ArrayList<>();
        if (value instanceof List<?> names) {
            for (Object name : names) {
                if (!(name instanceof String n) || n.isBlank()) {
                    throw doc.error(key, "expected " + what + " names (e.g. " + example + "), got "
                            + SpecDocument.describe(name));
                }
                out.add(new ComponentSpec(key + "." + n, n, Map.of()));
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String name = String.valueOf(e.getKey());
                Object params = e.getValue();
                if (params != null && !(params instanceof Map)) {
                    throw doc.error(key + "." + name, "expected the " + what + "'s parameters as a mapping "
                            + "(or nothing), got " + SpecDocument.describe(params));
                }
                out.add(new ComponentSpec(key + "." + name, name,
                        params == null ? Map.of() : new LinkedHashMap<>((Map<String, Object>) params)));
            }
        } else {
            throw doc.error(key, "expected a list of " + what + " names or a mapping of name to "
                    + "parameters, got " + SpecDocument.describe(value));
        }
        return out;
    }

    /** Binds an engine block against its schema, turning a bad key or value into a located error. */
    public static Params bind(SpecDocument doc, String key, ParameterSchema schema) {
        try {
            return schema.bind(doc.mapping(key));
        } catch (InvalidParameterException e) {
            throw doc.error(key + "." + e.key(), e.getMessage());
        }
    }

    private static ComponentSpec component(SpecDocument doc, String key) {
        Object value = doc.get(key);
        if (value == null) {
            throw doc.error(key, "missing; add a block like '" + key.substring(key.lastIndexOf('.') + 1)
                    + ": {type: <name>}' (gantry plugins lists the names)");
        }
        Map<String, Object> block = doc.mapping(key);
        Object type = block.get("type");
        if (!(type instanceof String name) || name.isBlank()) {
            throw doc.error(key + ".type", "missing or not a string: every component block needs 'type: <name>'");
        }
        Map<String, Object> params = new LinkedHashMap<>(block);
        params.remove("type");
        return new ComponentSpec(key, name, params);
    }

    private static PixelRange pixelRange(SpecDocument doc) {
        Object v = doc.get("pixel_range");
        if (v == null) {
            return PixelRange.TANH;
        }
        if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number lo && l.get(1) instanceof Number hi
                && lo.doubleValue() < hi.doubleValue()) {
            return new PixelRange(lo.doubleValue(), hi.doubleValue());
        }
        throw doc.error("pixel_range", "expected [low, high] with low < high, e.g. [-1, 1] for a tanh generator "
                + "or [0, 1] for a sigmoid one; got " + SpecDocument.describe(v));
    }

    private static String string(SpecDocument doc, String key, String fallback) {
        Object v = doc.get(key);
        if (v == null) {
            if (fallback == null) {
                throw doc.error(key, "missing; name the MLflow experiment, e.g. 'experiment: quickstart'");
            }
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw doc.error(key, "expected a string, got " + SpecDocument.describe(v));
        }
        return s;
    }

    private static long integer(SpecDocument doc, String key, long fallback) {
        Object v = doc.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Integer || v instanceof Long)) {
            throw doc.error(key, "expected an integer, got " + SpecDocument.describe(v));
        }
        return ((Number) v).longValue();
    }
}
