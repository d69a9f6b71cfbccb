package io.gantry.runner.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.runner.schedule.AshaScheduler;
import io.gantry.runner.schedule.AshaSpec;
import io.gantry.runner.spec.SpecLoader;
import io.gantry.tracking.MlflowServerTracker;
import io.gantry.tracking.ServerCredentials;
import io.gantry.tracking.TrackingRun;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs against a real MLflow server, read back through its REST API. */
class ServerTrackingIT {
    @TempDir
    Path tmp;
    MlflowServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = MlflowServer.start(tmp.resolve("server"));
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void runsLeftRunningWithAnOldHeartbeatAreMarkedFailedOnTheServer() throws Exception {
        MlflowServerTracker tracker = new MlflowServerTracker(server.uri(), new ServerCredentials(null, null, null));
        String dead = tracker.startRun("stale", "dead", Map.of("gantry.heartbeat", "2026-01-01T00:00:00Z")).runId();
        String alive = tracker.startRun("stale", "alive", Map.of("gantry.heartbeat",
                java.time.Instant.now().toString())).runId();
        String foreign = tracker.startRun("stale", "another tool's", Map.of()).runId();
        assertThat(tracker.runningRuns("stale")).containsOnlyKeys(dead, alive, foreign);

        assertThat(io.gantry.runner.experiment.StaleRuns.markDead(tracker, "stale")).containsExactly(dead);

        JsonNode run = server.get("/api/2.0/mlflow/runs/get?run_id=" + dead).get("run");
        assertThat(run.get("info").get("status").asText()).isEqualTo("FAILED");
        Map<String, String> tags = new HashMap<>();
        run.get("data").get("tags").forEach(t -> tags.put(t.get("key").asText(), t.get("value").asText()));
        assertThat(tags.get("gantry.error")).startsWith("no heartbeat since 2026-01-01T00:00:00Z");
        assertThat(tracker.runningRuns("stale")).containsOnlyKeys(alive, foreign);
    }

    /** ASHA's only shared state is the store: here, trials deciding through a real server, as separate hosts would. */
    @Test
    void ashaTrialsDecideFromTheirSiblingsTagsOnTheServer() throws Exception {
        MlflowServerTracker tracker = new MlflowServerTracker(server.uri(), new ServerCredentials(null, null, null));
        TrackingRun parent = tracker.startRun("asha-server", "parent", Map.of());
        AshaSpec spec = AshaSpec.from(new SpecLoader().parse(Path.of("s.yaml"),
                "sweep: {scheduler: {type: asha, metric: classifier_score, min_steps: 50, eta: 2}}"));
        double[] score = {5.0, 4.0, 6.0};
        List<Boolean> goOn = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (double s : score) {
            String id = tracker.startRun("asha-server", "t" + s, Map.of("mlflow.parentRunId", parent.runId())).runId();
            ids.add(id);
            AshaScheduler trial = new AshaScheduler(spec, new MlflowServerTracker(server.uri(),
                    new ServerCredentials(null, null, null)), parent.runId());
            assertThat(trial.decisionSteps(200)).containsExactly(50L, 100L);
            goOn.add(trial.goOn(id, 50, Map.of("classifier_score", s)));
        }
        // mode max (known for classifier_score): first goes on; 4.0 < 5.0 stops; 6.0 is the best of 3
        assertThat(goOn).containsExactly(true, false, true);
        JsonNode stopped = server.get("/api/2.0/mlflow/runs/get?run_id=" + ids.get(1)).get("run").get("data")
                .get("tags");
        Map<String, String> tags = new HashMap<>();
        stopped.forEach(t -> tags.put(t.get("key").asText(), t.get("value").asText()));
        assertThat(tags).containsEntry("gantry.asha.stopped", "true").containsEntry("gantry.asha.cutoff", "5.0")
                .containsEntry("gantry.asha.rung.0.value", "4.0");
        assertThat(tracker.childRunTags(parent.runId())).hasSize(3);
    }

    private JsonNode runByName(String experiment, String runName) throws Exception {
        String id = server.get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=" + experiment)
                .get("experiment").get("experiment_id").asText();
        HttpPost post = new HttpPost(server.uri());
        JsonNode runs = post.json("/api/2.0/mlflow/runs/search", "{\"experiment_ids\": [\"" + id + "\"], "
                + "\"filter\": \"attributes.run_name = '" + runName + "'\"}");
        assertThat(runs.get("runs")).as("runs named " + runName).hasSize(1);
        return runs.get("runs").get(0);
    }

    private List<Long> steps(String runId, String key) throws Exception {
        JsonNode h = server.get("/api/2.0/mlflow/metrics/get-history?run_id=" + runId + "&metric_key=" + key
                + "&max_results=25000");
        List<Long> steps = new ArrayList<>();
        h.get("metrics").forEach(m -> steps.add(m.get("step").asLong()));
        steps.sort(null);
        return steps;
    }

    private List<String> artifacts(String runId, String path) throws Exception {
        JsonNode list = server.get("/api/2.0/mlflow/artifacts/list?run_id=" + runId + "&path=" + path);
        List<String> out = new ArrayList<>();
        if (list.has("files")) {
            list.get("files").forEach(f -> out.add(f.get("path").asText()));
        }
        return out;
    }

    @Test
    void runLandsOnTheServerWithParamsHistoriesTagsImagesAndModels() throws Exception {
        Gantry.Result r = Gantry.run("run", "experiments/quickstart.yaml", "--max-steps", "25", "--set",
                "sampling.every=10", "--set", "run_name=on-server", "--tracking-uri", server.uri());
        assertThat(r.exitCode()).as(r.stderr()).isZero();

        JsonNode run = runByName("quickstart", "on-server");
        String id = run.get("info").get("run_id").asText();
        assertThat(run.get("info").get("status").asText()).isEqualTo("FINISHED");
        Map<String, String> params = new HashMap<>();
        run.get("data").get("params").forEach(p -> params.put(p.get("key").asText(), p.get("value").asText()));
        assertThat(params).containsEntry("optimizer.generator.lr", "2.0E-4").containsEntry("generator.type", "mlp")
                .containsEntry("training.batch_size", "64").hasSizeGreaterThan(40);
        Map<String, String> tags = new HashMap<>();
        run.get("data").get("tags").forEach(t -> tags.put(t.get("key").asText(), t.get("value").asText()));
        assertThat(tags).containsEntry("mlflow.runName", "on-server").containsEntry("mlflow.loggedImages", "True")
                .containsEntry("gantry.backend.kind", "CPU").containsKey("gantry.version").containsKey("gantry.spec.sha256");
        assertThat(tags.get("gantry.component.generator")).startsWith("mlp (gantry-mlp ");
        for (String key : List.of("d_loss", "g_loss", "d_x", "d_g_z", "images_per_sec")) {
            assertThat(steps(id, key)).as(key).containsExactlyElementsOf(LongStream.rangeClosed(1, 25).boxed().toList());
        }
        List<String> images = artifacts(id, "images");
        assertThat(images).filteredOn(p -> p.contains("samples+") && p.endsWith(".png")).hasSize(4); // steps 0, 10, 20, 25
        assertThat(images).filteredOn(p -> p.contains("samples+") && p.endsWith("+compressed.webp")).hasSize(4);
        String png = images.stream().filter(p -> p.contains("+step+20+") && p.endsWith(".png")).findFirst().orElseThrow();
        var image = ImageIO.read(new ByteArrayInputStream(server.download(id, png)));
        assertThat(image.getWidth()).isEqualTo(292);
        assertThat(artifacts(id, "")).contains("spec.yaml");
        assertThat(artifacts(id, "models")).containsExactlyInAnyOrder("models/generator.zip", "models/discriminator.zip");
        MlflowServerTracker tracker = new MlflowServerTracker(server.uri(), new ServerCredentials(null, null, null));
        assertThat(tracker.hasArtifact(id, "models/generator.zip")).isTrue();
        assertThat(tracker.hasArtifact(id, "spec.yaml")).as("at the artifact root").isTrue();
        assertThat(tracker.hasArtifact(id, "models")).as("a folder is not a file").isFalse();
        assertThat(tracker.hasArtifact(id, "best/generator.zip")).isFalse();
        assertThat(new String(server.download(id, "spec.yaml"))).contains("experiment: quickstart")
                .contains("beta2: 0.999");
    }

    @Test
    void failedRunIsMarkedWithItsErrorAndUnreachableServerIsNamed() throws Exception {
        Gantry.Result bad = Gantry.run("run", "experiments/seeds/003-dcgan-d2l.yaml", "--max-steps", "2",
                "--set", "run_name=no-sprites", "--set", "dataset.path=" + tmp.resolve("missing"),
                "--tracking-uri", server.uri());
        assertThat(bad.exitCode()).isEqualTo(1);
        JsonNode run = runByName("seed-003-dcgan-d2l", "no-sprites");
        assertThat(run.get("info").get("status").asText()).isEqualTo("FAILED");
        Map<String, String> tags = new HashMap<>();
        run.get("data").get("tags").forEach(t -> tags.put(t.get("key").asText(), t.get("value").asText()));
        assertThat(tags.get("gantry.error")).contains("is not a folder");

        Gantry.Result unreachable = Gantry.run("run", "experiments/quickstart.yaml", "--max-steps", "2",
                "--tracking-uri", "http://127.0.0.1:9");
        assertThat(unreachable.exitCode()).isEqualTo(2);
        assertThat(unreachable.lastErrorLine()).startsWith("error: cannot reach the MLflow server at "
                + "http://127.0.0.1:9: ConnectException");
    }

    /** Stop the server mid-run, start it again: every metric step arrives, training never stopped. */
    @Test
    void serverOutageMidRunLosesNoMetricStep() throws Exception {
        Process gantry = Gantry.command("run", "experiments/quickstart.yaml", "--max-steps", "1500", "--set",
                "run_name=outage", "--set", "sampling.every=100", "--tracking-uri", server.uri())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("gantry.log").toFile()).start();
        String id = null;
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(3);
        while (System.currentTimeMillis() < deadline) {
            try {
                id = runByName("quickstart", "outage").get("info").get("run_id").asText();
                if (steps(id, "d_loss").size() >= 100) {
                    break;
                }
            } catch (AssertionError | Exception notYet) {
                // run not created yet
            }
            Thread.sleep(500);
        }
        assertThat(id).as(Files.readString(tmp.resolve("gantry.log"))).isNotNull();
        server.stop();
        Thread.sleep(5000);
        server.launch();
        assertThat(gantry.waitFor(10, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(tmp.resolve("gantry.log"));
        assertThat(gantry.exitValue()).as(log).isZero();
        assertThat(log).contains("tracking unreachable").contains("reachable again");

        for (String key : List.of("d_loss", "g_loss")) {
            assertThat(new TreeSet<>(steps(id, key))).as(key)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 1500).boxed().toList());
        }
        assertThat(artifacts(id, "images")).filteredOn(p -> p.contains("samples+") && p.endsWith(".png")).hasSize(16); // 0, 100, ..., 1500
        assertThat(runByName("quickstart", "outage").get("info").get("status").asText()).isEqualTo("FINISHED");
    }
}
