package io.gantry.runner.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slurm launcher against a real single-host Slurm (Debian's slurm-wlm and munge, which the test
 * command installs; scripts/slurm-single-host.sh starts the daemons) and a real MLflow server: a sweep
 * is submitted as one job array and the submitting command returns; every trial runs in its own array
 * task; a task warned of its time limit checkpoints, requeues itself and resumes the same run.
 */
class SlurmIT {
    private static final Pattern PARENT = Pattern.compile("parent run: ([0-9a-f]{32})");
    private static final Pattern JOB = Pattern.compile("submitted Slurm job (\\d+)");

    @TempDir
    static Path tmp;

    static Path slurm;
    static MlflowServer server;
    static String host;

    @BeforeAll
    static void startSlurmAndMlflow() throws Exception {
        slurm = tmp.resolve("slurm");
        Process p = new ProcessBuilder(Gantry.ROOT.resolve("scripts/slurm-single-host.sh").toString(), "start",
                slurm.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("starting Slurm (the test command installs slurm-wlm and munge): " + out).isZero();
        host = exec(List.of("hostname", "-s")).strip();
        server = MlflowServer.start(tmp.resolve("mlflow"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (slurm != null) {
            new ProcessBuilder(Gantry.ROOT.resolve("scripts/slurm-single-host.sh").toString(), "stop",
                    slurm.toString()).inheritIO().start().waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static String spec(String experiment, int steps, String lrs, String extra) {
        return """
                experiment: %s
                seed: 5
                latent_dim: 64
                pixel_range: [-1, 1]
                dataset: {type: mnist}
                generator: {type: mlp, hidden: [128, 256]}
                discriminator: {type: mlp, hidden: [256, 128]}
                loss: {type: non-saturating}
                optimizer:
                  generator: {type: adam, lr: 0.001, beta1: 0.5}
                  discriminator: {type: adam, lr: 0.001, beta1: 0.5}
                noise: {type: normal}
                training: {batch_size: 64, steps: %d}
                sampling: {every: 100, rows: 2, cols: 2}
                evaluation: {enabled: false}
                checkpoint: {dir: %s, every: 100}
                sweep:
                  grid:
                    optimizer.generator.lr: [%s]
                launcher:
                  type: slurm
                  sweep_dir: %s
                  slurm: {cpus_per_task: 1%s}
                """.formatted(experiment, steps, tmp.resolve("checkpoints"), lrs, tmp.resolve("sweeps"), extra);
    }

    private static Gantry.Result gantry(Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = Gantry.command(args).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("SLURM_CONF", slurm.resolve("slurm.conf").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("gantry " + String.join(" ", args)).isTrue();
        return new Gantry.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String exec(List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SLURM_CONF", slurm.resolve("slurm.conf").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    /** The sweep's child runs by trial index, as the server has them now. */
    private static Map<Integer, JsonNode> children(String parentRunId) throws Exception {
        JsonNode parent = server.get("/api/2.0/mlflow/runs/get?run_id=" + parentRunId).get("run");
        String experiment = parent.get("info").get("experiment_id").asText();
        String body = "{\"experiment_ids\": [\"" + experiment + "\"], \"filter\": \"tags.mlflow.parentRunId = '"
                + parentRunId + "'\", \"max_results\": 100}";
        JsonNode found = new HttpPost(server.uri()).json("/api/2.0/mlflow/runs/search", body);
        Map<Integer, JsonNode> out = new TreeMap<>();
        if (found.has("runs")) {
            for (JsonNode run : found.get("runs")) {
                out.put(Integer.parseInt(tags(run).get("gantry.trial")), run);
            }
        }
        return out;
    }

    private static Map<String, String> tags(JsonNode run) {
        Map<String, String> tags = new TreeMap<>();
        run.get("data").get("tags").forEach(t -> tags.put(t.get("key").asText(), t.get("value").asText()));
        return tags;
    }

    private static String status(String runId) throws Exception {
        return server.get("/api/2.0/mlflow/runs/get?run_id=" + runId).get("run").get("info").get("status").asText();
    }

    private static void await(String what, long seconds, Check check) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.done()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + seconds + " s for " + what + "; squeue: "
                        + exec(List.of("squeue", "-r")) + trialLogs() + daemonLogs());
            }
            Thread.sleep(1000);
        }
    }

    /** The end of every trial's log, for a failure message. */
    private static String trialLogs() throws Exception {
        StringBuilder sb = new StringBuilder();
        if (Files.isDirectory(tmp.resolve("sweeps"))) {
            try (var files = Files.walk(tmp.resolve("sweeps"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".out")).sorted().toList()) {
                    sb.append(tail(f, 25));
                }
            }
        }
        return sb.toString();
    }

    /** The end of the Slurm daemons' own logs: why a job left the queue, for a failure message. */
    private static String daemonLogs() throws Exception {
        return tail(slurm.resolve("slurmctld.log"), 60) + tail(slurm.resolve("slurmd.log"), 60);
    }

    /** A file's last lines under its name; nothing when there is no such file. */
    private static String tail(Path f, int lines) throws Exception {
        if (!Files.isRegularFile(f)) {
            return "";
        }
        List<String> all = Files.readAllLines(f);
        return "\n--- " + f + "\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    interface Check {
        boolean done() throws Exception;
    }

    @Test
    void aSweepIsOneJobArrayAndTheSubmittingCommandReturnsAtOnce() throws Exception {
        Path file = tmp.resolve("sweep.yaml");
        // Trial 2's generator cannot learn (lr 1e-9): early stopping, decided in its own array task from its
        // siblings' values on the server, stops it at the rung. One task at a time, so the order is the index's.
        Files.writeString(file, spec("slurm-sweep", 300, "0.001, 1.0e-9, 0.001", ", parallel: 1").replace(
                "launcher:", "  scheduler: {type: asha, metric: g_loss, mode: min, min_steps: 100, eta: 2}\nlauncher:"));
        Gantry.Result r = gantry(Map.of(), "run", file.toString(), "--tracking-uri", server.uri());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("3 trials, all valid").contains("array 1-3, 1 at a time")
                .contains("progress: ./gantry sweep status ");
        String parent = group(PARENT, r.stdout());
        String job = group(JOB, r.stdout());
        // it returned before the trials ran: nothing trained yet in this process's lifetime
        assertThat(status(parent)).isEqualTo("RUNNING");

        await("the parent run to end", 300, () -> !status(parent).equals("RUNNING"));
        assertThat(status(parent)).isEqualTo("FINISHED");
        Map<Integer, JsonNode> trials = children(parent);
        assertThat(trials).containsOnlyKeys(1, 2, 3);
        for (var e : trials.entrySet()) {
            Map<String, String> tags = tags(e.getValue());
            assertThat(e.getValue().get("info").get("status").asText()).isEqualTo("FINISHED");
            assertThat(tags).containsEntry("slurm.job_id", job)
                    .containsEntry("slurm.array_task_id", e.getKey().toString())
                    .containsEntry("slurm.node", host);
        }
        assertThat(tags(trials.get(2))).containsEntry("gantry.asha.stopped", "true")
                .containsEntry("gantry.asha.stopped_at_step", "100");
        assertThat(tags(trials.get(1))).doesNotContainKey("gantry.asha.stopped");
        assertThat(tags(trials.get(3))).doesNotContainKey("gantry.asha.stopped");
        JsonNode parentRun = server.get("/api/2.0/mlflow/runs/get?run_id=" + parent).get("run");
        assertThat(tags(parentRun)).containsEntry("slurm.job_id", job).containsEntry("gantry.sweep.launcher", "slurm")
                .containsEntry("gantry.sweep.steps_trained", "700").containsEntry("gantry.sweep.stopped_early", "1");
        String trial2 = new String(server.download(parent, "sweep/trials/002.yaml"));
        assertThat(trial2).startsWith("# trial 2: lr=1e-09\n").contains("lr: 1.0E-9").doesNotContain("launcher");
        assertThat(new String(server.download(parent, "sweep.csv"))).contains("lr=1e-09").contains("stopped_at");
        assertThat(new String(server.download(parent, "sweep/submit.sbatch"))).contains("#SBATCH --array=1-3%1");

        Gantry.Result status = gantry(Map.of(), "sweep", "status", parent, "--tracking-uri", server.uri());
        assertThat(status.exitCode()).as(status.stderr()).isZero();
        assertThat(status.stdout()).contains("3 trials: 3 finished, 0 running, 0 not started");
        assertThat(status.stdout().lines().filter(l -> l.contains("FINISHED") && l.contains(" 300 "))).hasSize(2);
        assertThat(status.stdout()).contains("1 trials stopped early; steps trained 700 of 900 budgeted");

        // a trial started again after it finished leaves its run alone
        Path folder = Path.of(tags(parentRun).get("gantry.sweep.folder"));
        Gantry.Result again = gantry(Map.of(), "trial", folder.toString(), "2");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stderr()).contains("already finished");
        assertThat(children(parent)).hasSize(3);
        Gantry.Result outOfRange = gantry(Map.of(), "trial", folder.toString(), "4");
        assertThat(outOfRange.exitCode()).isEqualTo(2);
        assertThat(outOfRange.stderr().strip()).isEqualTo("error: trial index 4 is out of range: the sweep in "
                + folder + " has trials 1 to 3");
    }

    @Test
    void aTaskWarnedOfItsTimeLimitCheckpointsRequeuesAndResumesTheSameRun() throws Exception {
        Path file = tmp.resolve("requeue.yaml");
        Files.writeString(file, spec("slurm-requeue", 1200, "0.001", ""));
        Gantry.Result r = gantry(Map.of(), "run", file.toString(), "--tracking-uri", server.uri());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        String parent = group(PARENT, r.stdout());
        String task = group(JOB, r.stdout()) + "_1";
        await("the trial's first checkpoint", 240, () -> {
            Map<Integer, JsonNode> t = children(parent);
            return !t.isEmpty() && Files.isDirectory(tmp.resolve("checkpoints").resolve(
                    t.get(1).get("info").get("run_id").asText()).resolve("step-000000100"));
        });
        String runId = children(parent).get(1).get("info").get("run_id").asText();
        // what Slurm sends at --signal=B:USR1@T before the time limit
        exec(List.of("scancel", "--batch", "--signal=USR1", task));
        await("the task to be requeued", 120, () -> exec(List.of("squeue", "-h", "-r", "-j", task, "-o", "%T"))
                .contains("PENDING"));
        assertThat(status(runId)).isEqualTo("KILLED");
        // Slurm holds a requeued batch job until its revoked credential expires (21 s in the test's Slurm); an
        // earlier start (scontrol update StartTime=now) is refused by slurmd and fails the task: not done here
        await("the parent run to end", 300, () -> !status(parent).equals("RUNNING"));

        Map<Integer, JsonNode> trials = children(parent);
        assertThat(trials).hasSize(1);
        JsonNode run = trials.get(1);
        assertThat(run.get("info").get("run_id").asText()).as("the same run resumed").isEqualTo(runId);
        assertThat(run.get("info").get("status").asText()).isEqualTo("FINISHED");
        Map<String, String> tags = tags(run);
        assertThat(tags).containsEntry("slurm.restart_count", "1").containsKey("gantry.resumed_from_step");
        assertThat(Long.parseLong(tags.get("gantry.resumed_from_step"))).isBetween(100L, 1199L);
        JsonNode history = server.get("/api/2.0/mlflow/metrics/get-history?run_id=" + runId
                + "&metric_key=d_loss&max_results=5000").get("metrics");
        List<Long> steps = new ArrayList<>();
        history.forEach(m -> steps.add(m.get("step").asLong()));
        Set<Long> distinct = new HashSet<>(steps);
        assertThat(steps).as("no step logged twice").hasSize(distinct.size());
        assertThat(distinct).hasSize(1200);
        assertThat(status(parent)).isEqualTo("FINISHED");
        String log = Files.readString(Path.of(tags(server.get("/api/2.0/mlflow/runs/get?run_id=" + parent).get("run"))
                .get("gantry.sweep.folder")).resolve("logs/trial-1.out"));
        assertThat(log).contains("gantry: requeueing task " + task).contains("resuming run " + runId);
    }

    @Test
    void whatStopsASubmissionIsOneLine() throws Exception {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, spec("slurm-bad", 200, "0.001", ""));

        Gantry.Result fileStore = gantry(Map.of(), "run", file.toString(), "--tracking-uri",
                tmp.resolve("mlruns").toString());
        assertThat(fileStore.exitCode()).isEqualTo(2);
        assertThat(fileStore.stderr().strip().lines().filter(Predicate.not(String::isBlank))
                .filter(l -> !l.startsWith("backend:"))).singleElement().asString()
                .startsWith("error: --launcher slurm needs an MLflow server as the tracking URI");

        Gantry.Result partition = gantry(Map.of(), "run", file.toString(), "--tracking-uri", server.uri(),
                "--set", "launcher.slurm.partition=nosuch");
        assertThat(partition.exitCode()).isEqualTo(2);
        assertThat(partition.stderr()).contains("error: sbatch refused the sweep's job array: ")
                .contains("invalid partition").doesNotContain("\tat ");

        Gantry.Result folder = gantry(Map.of(), "run", file.toString(), "--tracking-uri", server.uri(),
                "--set", "launcher.sweep_dir=/etc/passwd/sweeps");
        assertThat(folder.exitCode()).isEqualTo(2);
        assertThat(folder.stderr()).contains("error: the sweep folder /etc/passwd/sweeps is not writable")
                .contains("set launcher.sweep_dir").doesNotContain("\tat ");

        Path bin = Files.createDirectories(tmp.resolve("bin-without-slurm"));
        for (String tool : List.of("bash", "dirname", "java")) {
            String where = exec(List.of("bash", "-c", "readlink -f \"$(command -v " + tool + ")\"")).strip();
            Files.createSymbolicLink(bin.resolve(tool), Path.of(where));
        }
        Gantry.Result noSbatch = gantry(Map.of("PATH", bin.toString()), "run", file.toString(), "--tracking-uri",
                server.uri());
        assertThat(noSbatch.exitCode()).as(noSbatch.stderr()).isEqualTo(2);
        assertThat(noSbatch.stderr()).contains("error: --launcher slurm: no sbatch on the PATH");

        Files.writeString(file, spec("slurm-cancel", 100000, "0.001", ""));
        Gantry.Result long_ = gantry(Map.of(), "run", file.toString(), "--tracking-uri", server.uri());
        String parent = group(PARENT, long_.stdout());
        await("the trial to start", 120, () -> !children(parent).isEmpty());
        Gantry.Result cancel = gantry(Map.of(), "sweep", "cancel", parent, "--tracking-uri", server.uri());
        assertThat(cancel.exitCode()).as(cancel.stderr()).isZero();
        assertThat(cancel.stdout()).contains("cancelled Slurm job").contains("parent run " + parent + " KILLED");
        assertThat(status(parent)).isEqualTo("KILLED");
        String child = children(parent).get(1).get("info").get("run_id").asText();
        await("the trial to stop", 60, () -> status(child).equals("KILLED"));
    }
}
