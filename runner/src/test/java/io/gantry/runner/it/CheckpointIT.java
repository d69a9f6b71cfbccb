package io.gantry.runner.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long runs survive: interrupt and resume exactly, divergence ends FAILED, unwritable folders fail clearly. */
class CheckpointIT {
    @TempDir
    Path tmp;

    private List<double[]> history(Path store, String key) throws Exception {
        JsonNode run = new ObjectMapper().readTree(Gantry.readRuns(store, "quickstart")).get(0);
        List<double[]> out = new ArrayList<>();
        run.get("metrics").get(key).forEach(p -> out.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble()}));
        out.sort((a, b) -> Double.compare(a[0], b[0]));
        return out;
    }

    private static long lines(Path store, String metric) throws Exception {
        if (!Files.exists(store)) {
            return 0;
        }
        try (var files = Files.walk(store)) {
            for (Path f : files.filter(f -> f.endsWith(Path.of("metrics", metric))).toList()) {
                return Files.readAllLines(f).size();
            }
        } catch (java.io.UncheckedIOException e) {
            return 0; // the run renamed a file while the folder was walked: look again at the next poll
        }
        return 0;
    }

    /** Also for a class-conditional run, whose G draws classes as well as noise. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"none", "concat", "auxiliary"})
    void interruptedThenResumedRunHasExactlyTheUninterruptedLossesInTheSameRun(String conditioning) throws Exception {
        String[] common = {"--set", "training.steps=40", "--set", "checkpoint.every=10", "--set",
                "conditioning.type=" + conditioning};
        Path a = tmp.resolve("a");
        List<String> argsA = new ArrayList<>(List.of("run", "experiments/quickstart.yaml", "--tracking-uri",
                a.toString(), "--set", "checkpoint.dir=" + tmp.resolve("ck-a")));
        argsA.addAll(List.of(common));
        Gantry.Result whole = Gantry.run(argsA.toArray(String[]::new));
        assertThat(whole.exitCode()).as(whole.stderr()).isZero();

        Path b = tmp.resolve("b");
        Path ckB = tmp.resolve("ck-b");
        List<String> argsB = new ArrayList<>(List.of("run", "experiments/quickstart.yaml", "--tracking-uri",
                b.toString(), "--set", "checkpoint.dir=" + ckB));
        argsB.addAll(List.of(common));
        Process p = Gantry.command(argsB.toArray(String[]::new)).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("b.log").toFile()).start();
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(3);
        while (System.currentTimeMillis() < deadline && lines(b, "d_loss") < 15) {
            Thread.sleep(100);
        }
        p.destroy(); // SIGTERM, as Ctrl-C: finish the step, checkpoint, mark KILLED
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String runId = new ObjectMapper().readTree(Gantry.readRuns(b, "quickstart")).get(0).get("run_id").asText();
        assertThat(new ObjectMapper().readTree(Gantry.readRuns(b, "quickstart")).get(0).get("status").asText())
                .isEqualTo("KILLED");
        long killedAt = lines(b, "d_loss");
        assertThat(killedAt).isBetween(15L, 39L);
        assertThat(ckB.resolve(runId).resolve(String.format("step-%09d", killedAt))).isDirectory();

        Gantry.Result resumed = Gantry.run("resume", runId, "--checkpoints-dir", ckB.toString());
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        assertThat(resumed.stderr()).contains("run " + runId + " FINISHED after 40 steps");

        JsonNode run = new ObjectMapper().readTree(Gantry.readRuns(b, "quickstart")).get(0);
        assertThat(run.get("status").asText()).isEqualTo("FINISHED");
        assertThat(run.get("tags").get("gantry.resumed_from_step").asLong()).isEqualTo(killedAt);
        for (String key : List.of("d_loss", "g_loss")) {
            List<double[]> expected = history(a, key);
            List<double[]> actual = history(b, key);
            assertThat(actual.stream().map(x -> (long) x[0]).toList()).as(key + " steps, each once")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
            for (int i = 0; i < 40; i++) {
                assertThat(actual.get(i)[1]).as(key + " at step " + (i + 1)).isEqualTo(expected.get(i)[1]);
            }
        }
        // only the newest three checkpoints are kept
        try (var dirs = Files.list(ckB.resolve(runId))) {
            assertThat(dirs.filter(d -> d.getFileName().toString().startsWith("step-")).count()).isEqualTo(3);
        }
    }

    @Test
    void divergingRunEndsFailedWithTheReasonAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path store = tmp.resolve("mlruns");
        Path ck = tmp.resolve("ck");
        Gantry.Result r = Gantry.run("run", "experiments/quickstart.yaml", "--max-steps", "30", "--set",
                "optimizer.discriminator={type: sgd, lr: 1.0e12}", "--set", "checkpoint.every=1", "--set",
                "checkpoint.dir=" + ck, "--tracking-uri", store.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.lastErrorLine()).startsWith("error: loss is not finite (d_loss ");
        // the diverged step's losses are recorded too, as MLflow's Infinity/NaN
        ObjectMapper lenient = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
        JsonNode run = lenient.readTree(Gantry.readRuns(store, "quickstart")).get(0);
        assertThat(run.get("status").asText()).isEqualTo("FAILED");
        assertThat(run.get("tags").get("gantry.error").asText()).contains("loss is not finite");
        long failedAt = lines(store, "d_loss");
        try (var dirs = Files.list(ck.resolve(run.get("run_id").asText()))) {
            List<String> kept = dirs.map(d -> d.getFileName().toString()).filter(n -> n.startsWith("step-")).toList();
            assertThat(kept).isNotEmpty().allMatch(n -> Long.parseLong(n.substring(5)) < failedAt);
        }
    }

    @Test
    void unwritableCheckpointFolderFailsTheRunClearly() throws Exception {
        Path store = tmp.resolve("mlruns");
        Path blocked = Files.writeString(tmp.resolve("not-a-folder"), "a file where a folder should be");
        Gantry.Result r = Gantry.run("run", "experiments/quickstart.yaml", "--max-steps", "3", "--set",
                "checkpoint.dir=" + blocked, "--tracking-uri", store.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.lastErrorLine()).startsWith("error: cannot write checkpoint under " + blocked);
        assertThat(r.lastErrorLine()).contains("set checkpoint.dir to a writable folder");
        JsonNode run = new ObjectMapper().readTree(Gantry.readRuns(store, "quickstart")).get(0);
        assertThat(run.get("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void aDamagedNewestCheckpointIsSkippedForTheOneBeforeItWithNoStepLoggedTwice() throws Exception {
        Path store = tmp.resolve("mlruns");
        Path checkpoints = tmp.resolve("checkpoints");
        Gantry.Result r = Gantry.run("run", "experiments/quickstart.yaml", "--set", "training.steps=60", "--max-steps",
                "50", "--set", "checkpoint.every=20", "--set", "checkpoint.dir=" + checkpoints, "--set",
                "evaluation.enabled=false", "--tracking-uri", store.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        String runId;
        try (var dirs = Files.list(checkpoints)) {
            runId = dirs.findFirst().orElseThrow().getFileName().toString();
        }
        // a disk that lost the end of the newest model file
        Path zip = checkpoints.resolve(runId).resolve("step-000000050").resolve("generator.zip");
        byte[] bytes = Files.readAllBytes(zip);
        Files.write(zip, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        Gantry.Result resumed = Gantry.run("resume", runId, "--checkpoints-dir", checkpoints.toString());
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        assertThat(resumed.stderr()).contains(zip + " cannot be read (")
                .contains("set aside as step-000000050.damaged; trying the checkpoint before it")
                .contains("resuming run " + runId + " at step 40").contains("FINISHED after 50 steps");
        JsonNode run = new ObjectMapper().readTree(Gantry.readRuns(store, "quickstart")).get(0);
        List<Long> steps = new ArrayList<>();
        run.get("metrics").get("d_loss").forEach(point -> steps.add(point.get(0).asLong()));
        assertThat(steps).containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
        // a new, whole step 50 beside the damaged one, which pruning ignores
        assertThat(checkpoints.resolve(runId).resolve("step-000000050").resolve("generator.zip")).isNotEmptyFile();
        assertThat(checkpoints.resolve(runId).resolve("step-000000050.damaged")).isDirectory();
    }
}
