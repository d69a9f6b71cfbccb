package io.gantry.runner.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.tracking.FileStoreTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluation.best_metric}: the run keeps G as it was at its best evaluation, {@code --register-model}
 * registers that one, and {@code gantry sample} draws from it unless told {@code --weights last}.
 */
class BestGeneratorIT {
    private static final Pattern RUN = Pattern.compile("run ([0-9a-f]{32}) FINISHED");

    @TempDir
    Path tmp;

    @Test
    void theRunKeepsRegistersAndSamplesTheGeneratorItsMetricLiked() throws Exception {
        Path store = tmp.resolve("mlruns");
        Path checkpoints = tmp.resolve("checkpoints");
        Gantry.Result train = Gantry.run("run", "experiments/quickstart.yaml", "--max-steps", "200",
                "--set", "evaluation.every=50", "--set", "evaluation.samples=500", "--set", "evaluation.metrics=[fcd]",
                // fcd falls over these steps, so its highest value is at an early step, not the last one: keeping
                // the highest tells "kept the best" from "kept the last"
                "--set", "evaluation.best_metric=fcd", "--set", "evaluation.best_mode=max",
                "--set", "checkpoint.every=50", "--set", "checkpoint.keep=10",
                "--set", "checkpoint.dir=" + checkpoints, "--tracking-uri", store.toString(),
                "--register-model", "best-gan");
        assertThat(train.exitCode()).as(train.stderr()).isZero();
        Matcher m = RUN.matcher(train.stderr());
        assertThat(m.find()).as(train.stderr()).isTrue();
        String runId = m.group(1);

        // the kept step is the one whose fcd is highest (best_mode max) in the run's own history
        Path runDir;
        try (var dirs = Files.walk(store)) {
            runDir = dirs.filter(d -> d.getFileName().toString().equals(runId)).findFirst().orElseThrow();
        }
        Map<Long, Double> fcd = new TreeMap<>();
        for (String line : Files.readAllLines(runDir.resolve("metrics/fcd"))) {
            String[] f = line.split(" ");
            fcd.put(Long.parseLong(f[2]), Double.parseDouble(f[1]));
        }
        assertThat(fcd.keySet()).containsExactly(50L, 100L, 150L, 200L);
        long bestStep = fcd.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(bestStep).as("fcd by step: %s", fcd).isLessThan(200);
        Map<String, String> tags = new FileStoreTracker(store).runSummary(runId).tags();
        assertThat(tags).containsEntry("gantry.best.metric", "fcd").containsEntry("gantry.best.step",
                Long.toString(bestStep));
        assertThat(Double.parseDouble(tags.get("gantry.best.value"))).isEqualTo(fcd.get(bestStep));

        // best/generator.zip holds the weights G had at that step, as its checkpoint there does
        var kept = ModelSerializer.restoreMultiLayerNetwork(runDir.resolve("artifacts/best/generator.zip").toFile());
        var atStep = ModelSerializer.restoreMultiLayerNetwork(checkpoints.resolve(runId)
                .resolve(String.format("step-%09d", bestStep)).resolve("generator.zip").toFile());
        var last = ModelSerializer.restoreMultiLayerNetwork(runDir.resolve("artifacts/models/generator.zip").toFile());
        assertThat(kept.params()).isEqualTo(atStep.params());
        assertThat(kept.params()).isNotEqualTo(last.params());

        assertThat(train.stderr()).contains("registered run " + runId + " as models:/best-gan/1 (version 1 of "
                + "'best-gan': its best generator, best/)");
        Gantry.Result registerLast = Gantry.run("register", runId, "best-gan", "--weights", "last",
                "--tracking-uri", store.toString());
        assertThat(registerLast.exitCode()).as(registerLast.stderr()).isZero();
        assertThat(registerLast.stdout()).contains("as models:/best-gan/2 (version 2 of 'best-gan': its last "
                + "generator, models/)");

        Path best = sample(store, runId, "best.png", "from best/generator.zip of run " + runId);
        Path fromVersion1 = sample(store, "models:/best-gan/1", "v1.png", "from best/generator.zip of run " + runId);
        Path lastG = sample(store, runId, "last.png", "from models/generator.zip of run " + runId, "--weights", "last");
        Path fromVersion2 = sample(store, "models:/best-gan/2", "v2.png", "from models/generator.zip of run " + runId);
        assertThat(Files.readAllBytes(fromVersion1)).isEqualTo(Files.readAllBytes(best));
        assertThat(Files.readAllBytes(fromVersion2)).isEqualTo(Files.readAllBytes(lastG));

        Gantry.Result both = Gantry.run("sample", "models:/best-gan/1", "--weights", "last", "--out",
                tmp.resolve("x.png").toString(), "--tracking-uri", store.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.stderr().strip()).isEqualTo("error: --weights chooses among a run's generators; "
                + "models:/best-gan/1 is the one generator it was registered with: leave --weights out, or give the "
                + "run id");
    }

    private Path sample(Path store, String target, String file, String says, String... options) throws Exception {
        Path out = tmp.resolve(file);
        List<String> args = new java.util.ArrayList<>(List.of("sample", target, "--n", "16", "--seed", "3", "--out",
                out.toString(), "--tracking-uri", store.toString()));
        args.addAll(List.of(options));
        Gantry.Result r = Gantry.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains(says);
        return out;
    }
}
