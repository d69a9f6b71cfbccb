package io.gantry.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTrackerTest {
    @TempDir
    Path root;

    @Test
    void runningRunsAreTheExperimentsRunsStillRunningAndEndRunNowEndsOne() {
        FileStoreTracker tracker = new FileStoreTracker(root);
        TrackingRun done = tracker.startRun("exp", "done", Map.of());
        done.end(RunStatus.FINISHED);
        TrackingRun left = tracker.startRun("exp", "left", Map.of("gantry.heartbeat", "2026-01-01T00:00:00Z"));
        tracker.startRun("other", "elsewhere", Map.of());
        assertThat(tracker.runningRuns("exp")).containsOnlyKeys(left.runId());
        assertThat(tracker.runningRuns("exp").get(left.runId())).containsEntry("gantry.heartbeat",
                "2026-01-01T00:00:00Z");
        assertThat(tracker.runningRuns("no such experiment")).isEmpty();

        new FileStoreTracker(root).endRunNow(left.runId(), RunStatus.FAILED);
        assertThat(tracker.runningRuns("exp")).isEmpty();
        assertThat(Path.of(left.location()).resolve("meta.yaml")).content().contains("status: 4");
    }

    @Test
    void childRunTagsAreWhatOtherProcessesSetNowOnTheParentsChildren() {
        FileStoreTracker tracker = new FileStoreTracker(root);
        TrackingRun parent = tracker.startRun("sweep", "parent", Map.of());
        TrackingRun a = tracker.startRun("sweep", "a", Map.of("mlflow.parentRunId", parent.runId()));
        TrackingRun b = tracker.startRun("sweep", "b", Map.of("mlflow.parentRunId", parent.runId()));
        tracker.startRun("sweep", "unrelated", Map.of("mlflow.parentRunId", "someoneelse"));
        tracker.startRun("other experiment", "c", Map.of("mlflow.parentRunId", parent.runId()));

        // another process's tracker: nothing shared but the folder
        new FileStoreTracker(root).setTagsNow(a.runId(), Map.of("gantry.asha.rung.0", "1.5"));

        Map<String, Map<String, String>> children = tracker.childRunTags(parent.runId());
        assertThat(children.keySet()).containsExactlyInAnyOrder(a.runId(), b.runId());
        assertThat(children.get(a.runId())).containsEntry("gantry.asha.rung.0", "1.5")
                .containsEntry("mlflow.runName", "a");
        assertThat(children.get(b.runId())).doesNotContainKey("gantry.asha.rung.0");
    }

    @Test
    void writesMlflowFileStoreLayout() throws IOException {
        FileStoreTracker tracker = new FileStoreTracker(root);
        TrackingRun run = tracker.startRun("exp 'a'", "run-1", Map.of("k", "v"));
        run.logParams(Map.of("optimizer.generator.lr", "2.0E-4"));
        run.logMetrics(List.of(new Metric("d_loss", 1.5, 1, 1000), new Metric("d_loss", 1.25, 2, 1001)));
        run.logMetrics(List.of(new Metric("d_loss", Double.NaN, 3, 1002)));
        byte[] png = TestPng.grey(30, 20);
        run.logImage("samples", 2, png);
        run.end(RunStatus.FINISHED);

        Path expDir = root.resolve("1");
        assertThat(SimpleYaml.read(expDir.resolve("meta.yaml"))).containsEntry("name", "exp 'a'")
                .containsEntry("experiment_id", "1");
        Path runDir = Path.of(run.location());
        assertThat(runDir.getParent()).isEqualTo(expDir);
        assertThat(Files.readString(runDir.resolve("params/optimizer.generator.lr"))).isEqualTo("2.0E-4");
        assertThat(Files.readAllLines(runDir.resolve("metrics/d_loss")))
                .containsExactly("1000 1.5 1", "1001 1.25 2", "1002 nan 3");
        assertThat(Files.readString(runDir.resolve("tags/mlflow.runName"))).isEqualTo("run-1");
        assertThat(Files.readString(runDir.resolve("tags/mlflow.loggedImages"))).isEqualTo("True");
        try (var images = Files.list(runDir.resolve("artifacts/images"))) {
            assertThat(images.map(p -> p.getFileName().toString()).toList())
                    .hasSize(2)
                    .anyMatch(n -> n.matches("samples\\+step\\+2\\+timestamp\\+\\d+\\+[0-9a-f-]{36}\\.png"))
                    .anyMatch(n -> n.endsWith("+compressed.webp"));
        }
        try (var images = Files.list(runDir.resolve("artifacts/images"))) {
            for (Path image : images.toList()) {
                byte[] bytes = Files.readAllBytes(image);
                if (image.toString().endsWith(".png")) {
                    assertThat(bytes).isEqualTo(png);
                } else {
                    // a WebP file (RIFF container, WEBP form), as mlflow.log_image writes the thumbnail
                    assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
                    assertThat(new String(bytes, 8, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("WEBP");
                }
            }
        }
        assertThat(SimpleYaml.read(runDir.resolve("meta.yaml"))).containsEntry("status", "3")
                .containsEntry("run_name", "run-1");
    }

    @Test
    void reusesAnExperimentByName() {
        FileStoreTracker tracker = new FileStoreTracker(root);
        TrackingRun a = tracker.startRun("same", "a", Map.of());
        TrackingRun b = tracker.startRun("same", "b", Map.of());
        TrackingRun c = tracker.startRun("other", "c", Map.of());
        assertThat(Path.of(a.location()).getParent()).isEqualTo(Path.of(b.location()).getParent());
        assertThat(Path.of(c.location()).getParent()).isNotEqualTo(Path.of(a.location()).getParent());
    }

    @Test
    void asyncRunDeliversEverythingInOrderBeforeEnding() throws IOException {
        FileStoreTracker tracker = new FileStoreTracker(root);
        AsyncTrackingRun run = new AsyncTrackingRun(tracker.startRun("e", "r", Map.of()));
        for (int step = 1; step <= 2500; step++) {
            run.logMetrics(List.of(new Metric("g_loss", step * 0.5, step, step)));
        }
        run.end(RunStatus.KILLED);
        List<String> lines = Files.readAllLines(Path.of(run.location()).resolve("metrics/g_loss"));
        assertThat(lines).hasSize(2500);
        assertThat(lines.get(2499)).isEqualTo("2500 1250.0 2500");
        assertThat(run.failures()).isZero();
        assertThat(SimpleYaml.read(Path.of(run.location()).resolve("meta.yaml"))).containsEntry("status", "5");
    }

    @Test
    void theModelRegistryNumbersVersionsAndReadsThemBackAsMlflowWritesThem() {
        FileStoreTracker tracker = new FileStoreTracker(root);
        TrackingRun run = tracker.startRun("exp", "trained", Map.of());
        run.logArtifact("models/generator.zip", new byte[] {1, 2, 3});
        assertThat(tracker.readArtifact(run.runId(), "models/generator.zip")).hasValue(new byte[] {1, 2, 3});
        assertThat(tracker.readArtifact(run.runId(), "models/none.zip")).isEmpty();
        assertThat(tracker.readArtifact(run.runId(), "../meta.yaml")).as("outside the artifacts").isEmpty();
        assertThat(tracker.hasArtifact(run.runId(), "models/generator.zip")).isTrue();
        assertThat(tracker.hasArtifact(run.runId(), "models")).as("a folder is not a file").isFalse();
        assertThat(tracker.hasArtifact(run.runId(), "models/none.zip")).isFalse();
        assertThat(tracker.hasArtifact(run.runId(), "../meta.yaml")).as("outside the artifacts").isFalse();

        ModelVersion first = tracker.registerModel("mnist gan", run.runId(), "models");
        ModelVersion second = new FileStoreTracker(root).registerModel("mnist gan", run.runId(), "models");
        assertThat(first.version()).isEqualTo("1");
        assertThat(second.version()).isEqualTo("2");
        assertThat(second.uri()).isEqualTo("models:/mnist gan/2");
        assertThat(tracker.modelVersion("mnist gan", "latest")).isEqualTo(second);
        assertThat(tracker.modelVersion("mnist gan", "1").source()).endsWith(run.runId() + "/artifacts/models")
                .startsWith("file:");
        assertThat(root.resolve("models/mnist gan/version-2/meta.yaml")).content().contains("run_id: '"
                + run.runId() + "'").contains("version: 2").contains("status: 'READY'");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tracker.modelVersion("mnist gan", "3"))
                .hasMessage("model 'mnist gan' has no version 3; it has 1 to 2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tracker.registerModel("../up", run.runId(), "models"))
                .hasMessageStartingWith("'../up' is not a model name");
    }
}
