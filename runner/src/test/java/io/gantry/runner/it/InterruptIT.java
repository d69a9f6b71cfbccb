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

/** Ctrl-C (SIGINT) ends the run KILLED with every logged step kept and a checkpoint to resume from. */
class InterruptIT {
    @TempDir
    Path tmp;

    @Test
    void terminatedRunIsMarkedKilledAndKeepsItsMetrics() throws Exception {
        Path store = tmp.resolve("mlruns");
        Path checkpoints = tmp.resolve("checkpoints");
        Process p = Gantry.command("run", "experiments/quickstart.yaml", "--set", "training.steps=100000",
                "--set", "checkpoint.dir=" + checkpoints, "--set", "checkpoint.every=20", "--tracking-uri",
                store.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("out.log").toFile()).start();
        // Wait until training is under way: the d_loss metric file has lines.
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(5);
        while (System.currentTimeMillis() < deadline && metricLines(store) < 50) {
            Thread.sleep(200);
        }
        assertThat(metricLines(store)).as(Files.readString(tmp.resolve("out.log"))).isGreaterThanOrEqualTo(50);

        // A second process may not train the same run: resume is refused while the run trains.
        String runId;
        try (var dirs = Files.list(checkpoints)) {
            runId = dirs.findFirst().orElseThrow().getFileName().toString();
        }
        Gantry.Result second = Gantry.run("resume", runId, "--checkpoints-dir", checkpoints.toString());
        assertThat(second.exitCode()).as(second.stderr()).isEqualTo(2);
        assertThat(second.lastErrorLine()).startsWith("error: run " + runId + " is being trained by another process "
                + "(pid " + p.pid() + ", since ").endsWith("wait for it to end, or stop it (Ctrl-C, kill -TERM) and "
                + "resume then");
        // SIGINT to the Java process (the launcher execs java, so it is the same process). Where this test
        // itself runs with SIGINT ignored (a script's background job, `cmd &`), so does the run, which then
        // cannot see Ctrl-C; SIGTERM takes the same path there.
        new ProcessBuilder("kill", sigintIgnored() ? "-TERM" : "-INT", Long.toString(p.pid())).start().waitFor();
        boolean ended = p.waitFor(2, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("ended within 2 minutes of the signal; its output:%n%s",
                Files.readString(tmp.resolve("out.log"))).isTrue();
        assertThat(p.exitValue()).isEqualTo(130);

        JsonNode run = new ObjectMapper().readTree(Gantry.readRuns(store, "quickstart")).get(0);
        assertThat(run.get("status").asText()).isEqualTo("KILLED");
        List<Long> steps = new ArrayList<>();
        run.get("metrics").get("g_loss").forEach(point -> steps.add(point.get(0).asLong()));
        assertThat(steps.size()).isGreaterThanOrEqualTo(50);
        assertThat(steps).containsExactlyElementsOf(LongStream.rangeClosed(1, steps.size()).boxed().toList());
        String log = Files.readString(tmp.resolve("out.log"));
        assertThat(log).contains("stopping after this step").contains("KILLED after " + steps.size() + " steps");
        // a usable checkpoint of exactly that step
        Path checkpoint = checkpoints.resolve(run.get("run_id").asText()).resolve(String.format("step-%09d",
                steps.size()));
        assertThat(checkpoint.resolve("generator.zip")).isNotEmptyFile();
        assertThat(checkpoint.resolve("trainer.state")).isNotEmptyFile();
    }

    @Test
    void aRunWhoseProcessWasKilledHardIsMarkedFailedWhenTheNextRunStarts() throws Exception {
        Path store = tmp.resolve("mlruns");
        ProcessBuilder first = Gantry.command("run", "experiments/quickstart.yaml", "--set", "training.steps=100000",
                "--set", "checkpoint.dir=" + tmp.resolve("checkpoints"), "--tracking-uri", store.toString());
        first.environment().put("GANTRY_HEARTBEAT_EVERY", "1");
        Process p = first.redirectErrorStream(true).redirectOutput(tmp.resolve("out.log").toFile()).start();
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(5);
        while (System.currentTimeMillis() < deadline && metricLines(store) < 20) {
            Thread.sleep(200);
        }
        assertThat(metricLines(store)).as(Files.readString(tmp.resolve("out.log"))).isGreaterThanOrEqualTo(20);
        // SIGKILL: no hook runs, the run stays RUNNING in the store, as after a lost machine
        new ProcessBuilder("kill", "-KILL", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        JsonNode dead = new ObjectMapper().readTree(Gantry.readRuns(store, "quickstart")).get(0);
        assertThat(dead.get("status").asText()).isEqualTo("RUNNING");
        assertThat(dead.get("tags").has("gantry.heartbeat")).isTrue();

        Thread.sleep(4000);
        ProcessBuilder next = Gantry.command("run", "experiments/quickstart.yaml", "--max-steps", "1", "--set",
                "evaluation.enabled=false", "--set", "checkpoint.dir=" + tmp.resolve("checkpoints"),
                "--tracking-uri", store.toString());
        next.environment().put("GANTRY_HEARTBEAT_EVERY", "1");
        next.environment().put("GANTRY_RUN_STALE_AFTER", "3");
        Process second = next.redirectErrorStream(true).redirectOutput(tmp.resolve("next.log").toFile()).start();
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(second.exitValue()).as(Files.readString(tmp.resolve("next.log"))).isZero();
        assertThat(Files.readString(tmp.resolve("next.log"))).contains("run " + dead.get("run_id").asText()
                + " was left RUNNING with its last heartbeat at");

        for (JsonNode run : new ObjectMapper().readTree(Gantry.readRuns(store, "quickstart"))) {
            if (run.get("run_id").equals(dead.get("run_id"))) {
                assertThat(run.get("status").asText()).isEqualTo("FAILED");
                assertThat(run.get("tags").get("gantry.error").asText()).startsWith("no heartbeat since ")
                        .contains("the process training it ended without ending the run");
                // what it logged stays
                assertThat(run.get("metrics").get("d_loss").size()).isGreaterThanOrEqualTo(20);
            } else {
                assertThat(run.get("status").asText()).isEqualTo("FINISHED");
            }
        }
    }

    /** Whether the budget is in steps or in epochs (640 images at 64 a batch: 10 steps an epoch). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"training.steps=5, 5 steps", "training.epochs=1, 10 steps (1 epoch)"})
    void resumingARunThatTrainedAllItsStepsIsRefused(String budget, String trained) throws Exception {
        Path checkpoints = tmp.resolve("checkpoints");
        Gantry.Result r = Gantry.run("run", "experiments/quickstart.yaml", "--set", "training.steps=0", "--set", budget,
                "--set", "dataset.limit=640", "--set", "checkpoint.dir=" + checkpoints, "--set",
                "evaluation.enabled=false", "--tracking-uri", tmp.resolve("mlruns").toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        String runId;
        try (var dirs = Files.list(checkpoints)) {
            runId = dirs.findFirst().orElseThrow().getFileName().toString();
        }
        Gantry.Result again = Gantry.run("resume", runId, "--checkpoints-dir", checkpoints.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.lastErrorLine()).startsWith("error: run " + runId + " already trained all its " + trained)
                .endsWith("nothing to resume");
        JsonNode run = new ObjectMapper().readTree(Gantry.readRuns(tmp.resolve("mlruns"), "quickstart")).get(0);
        assertThat(run.get("status").asText()).isEqualTo("FINISHED");
        assertThat(run.get("tags").has("gantry.resumed_from_step")).isFalse();
    }

    /** Whether this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status), as its children then do. */
    private static boolean sigintIgnored() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).strip(), 16) & 2L) != 0;
            }
        }
        return false;
    }

    private static long metricLines(Path store) throws Exception {
        if (!Files.exists(store)) {
            return 0;
        }
        try (var files = Files.walk(store)) {
            for (Path f : files.filter(f -> f.endsWith(Path.of("metrics", "d_loss"))).toList()) {
                return Files.readAllLines(f).size();
            }
        } catch (java.io.UncheckedIOException e) {
            // The run writes tags through temp files it renames; one may vanish while we walk: look again later.
            if (e.getCause() instanceof java.nio.file.NoSuchFileException) {
                return 0;
            }
            throw e;
        }
        return 0;
    }
}
