package io.gantry.runner.cli;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.gantry.runner.bench.BenchJson;
import io.gantry.runner.bench.Machine;
import io.gantry.runner.bench.MatmulPeak;
import io.gantry.runner.backend.Backend;
import io.gantry.runner.experiment.Experiment;
import io.gantry.runner.experiment.ExperimentResolver;
import io.gantry.runner.experiment.ExperimentRunner;
import io.gantry.runner.experiment.RunOptions;
import io.gantry.runner.experiment.RunOutcome;
import io.gantry.runner.spec.SpecDocument;
import io.gantry.tracking.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Training speed of an experiment, measured on the code path of {@code gantry run}: the same
 * runner, trainer and tracking, for a short budget, with the warm-up left out.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training speed: runs the experiment for warm-up + measured steps exactly as "
                + "'run' does (tracking on; quality evaluation off unless --set evaluation.* says otherwise) and "
                + "prints images/s, where a step's time goes, and the machine's matmul peak.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    SpecOptions spec;

    @Mixin
    PluginOptions plugins;

    @Inject
    Provider<ExperimentResolver> resolver;

    @Inject
    Provider<ExperimentRunner> runner;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "10",
            description = "Steps run but not measured, at least 1 (default 10).")
    int warmup;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "50", description = "Steps measured (default 50).")
    int steps;

    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "Where the benchmark's run goes (default as for 'run').")
    String trackingUri;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where datasets are found or installed (default: $GANTRY_DATA_DIR, else ./data).")
    Path dataDir;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to FILE as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (warmup < 1 || steps < 1) {
            // A step is timed from the end of the one before it, so the first step is always warm-up.
            throw new IllegalArgumentException("--warmup and --steps must be >= 1 (got " + warmup + ", " + steps + ")");
        }
        String backend = Backend.initialise();
        SpecDocument doc = spec.load();
        if (spec.overrides.stream().noneMatch(o -> o.startsWith("evaluation."))) {
            doc = doc.with("evaluation.enabled", false);
        }
        Experiment experiment = resolver.get().resolve(doc);
        RunOptions options = new RunOptions((long) warmup + steps, trackingUri, DataDirs.resolve(dataDir), warmup);
        RunOutcome outcome = RunCommand.withStopHook(stop -> runner.get().run(experiment, options, stop));
        int exit = RunCommand.report(outcome);
        if (outcome.status() != RunStatus.FINISHED) {
            return exit;
        }
        Map<String, Object> report = report(experiment, backend, outcome);
        print(report);
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(json, BenchJson.write(report));
            System.err.println("bench: figures written to " + json);
        }
        return 0;
    }

    private Map<String, Object> report(Experiment experiment, String backend, RunOutcome outcome) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("spec", spec.spec.toString());
        r.put("experiment", experiment.spec().experiment());
        r.put("batch_size", experiment.trainingConfig(null, null).batchSize());
        r.put("warmup_steps", warmup);
        r.put("measured_steps", steps);
        r.put("run_id", outcome.runId());
        r.put("run_location", outcome.location());
        r.put("machine", Machine.describe(backend));
        r.put("matmul_peak_gflops", MatmulPeak.gflops(1024, 5));
        Map<String, Double> profile = new LinkedHashMap<>();
        outcome.summary().forEach((k, v) -> {
            if (k.startsWith("profile.")) {
                profile.put(k.substring("profile.".length()), v);
            }
        });
        r.put("profile", profile);
        return r;
    }

    private static void print(Map<String, Object> r) {
        @SuppressWarnings("unchecked")
        Map<String, Double> p = (Map<String, Double>) r.get("profile");
        @SuppressWarnings("unchecked")
        Map<String, String> m = (Map<String, String>) r.get("machine");
        System.out.printf(Locale.ROOT, "%s: %.1f images/s (batch %s, %d steps after %d warm-up)%n", r.get("experiment"),
                p.get("images_per_sec"), r.get("batch_size"), p.get("measured_steps").intValue(), r.get("warmup_steps"));
        System.out.printf(Locale.ROOT, "step %.2f ms (median) = data %.2f + D %.2f + G %.2f + tracking %.3f + other %.2f"
                        + "; tracking %.2f%% of the step, writer thread %.2f%% of a core%n", p.get("step_ms"),
                p.get("data_ms"), p.get("d_step_ms"), p.get("g_step_ms"), p.get("tracking_ms"), p.get("other_ms"),
                100 * p.get("tracking_share"), 100 * p.getOrDefault("tracking_writer_cpu_share", Double.NaN));
        System.out.printf(Locale.ROOT, "step time over all measured steps: mean %.2f ms, 90th percentile %.2f, 99th %.2f%n",
                p.get("step_mean_ms"), p.get("step_p90_ms"), p.get("step_p99_ms"));
        System.out.printf(Locale.ROOT, "machine: %s, %s cores, OMP_NUM_THREADS %s, %s, %s; matmul peak %.1f GFLOP/s%n",
                m.get("cpu"), m.get("cores"), m.get("omp_num_threads"), m.get("jdk"), m.get("backend"),
                (Double) r.get("matmul_peak_gflops"));
    }
}
