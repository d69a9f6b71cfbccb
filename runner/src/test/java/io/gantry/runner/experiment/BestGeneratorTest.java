package io.gantry.runner.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.tracking.FileStoreTracker;
import io.gantry.tracking.RunStatus;
import io.gantry.tracking.TrackingRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator kept in best/ is the one of the evaluation with the best value, in either direction. */
class BestGeneratorTest {
    @TempDir
    Path tmp;

    private FileStoreTracker tracker() {
        return new FileStoreTracker(tmp.resolve("mlruns"));
    }

    private static Map<String, byte[]> g(String content) {
        return Map.of("generator.zip", content.getBytes(StandardCharsets.UTF_8));
    }

    private String kept(FileStoreTracker tracker, String runId) {
        return new String(tracker.readArtifact(runId, "best/generator.zip").orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void keepsTheGeneratorOfTheLowestValueWhenMinimising() {
        FileStoreTracker tracker = tracker();
        TrackingRun run = tracker.startRun("e", "r", Map.of());
        BestGenerator best = new BestGenerator("fcd", true, run, Map.of());
        best.consider(100, Map.of("fcd", 30.0), () -> g("G at 100"));
        best.consider(200, Map.of("fcd", 12.5), () -> g("G at 200"));
        best.consider(300, Map.of("fcd", 19.0), () -> g("G at 300"));
        best.consider(400, Map.of("fcd", 12.5), () -> g("G at 400")); // a tie keeps the earlier one
        best.consider(500, Map.of("fcd", Double.NaN), () -> g("G at 500"));
        best.consider(600, Map.of("classes_covered", 10.0), () -> g("G at 600"));
        run.end(RunStatus.FINISHED);
        assertThat(kept(tracker, run.runId())).isEqualTo("G at 200");
        assertThat(tracker.runSummary(run.runId()).tags()).containsEntry("gantry.best.metric", "fcd")
                .containsEntry("gantry.best.value", "12.5").containsEntry("gantry.best.step", "200");
    }

    @Test
    void keepsTheGeneratorOfTheHighestValueWhenMaximising() {
        FileStoreTracker tracker = tracker();
        TrackingRun run = tracker.startRun("e", "r", Map.of());
        BestGenerator best = new BestGenerator("conditional_accuracy", false, run, Map.of());
        best.consider(100, Map.of("conditional_accuracy", 0.4), () -> g("G at 100"));
        best.consider(200, Map.of("conditional_accuracy", 0.9), () -> g("G at 200"));
        best.consider(300, Map.of("conditional_accuracy", 0.8), () -> g("G at 300"));
        run.end(RunStatus.FINISHED);
        assertThat(kept(tracker, run.runId())).isEqualTo("G at 200");
    }

    @Test
    void aResumedRunComparesWithTheBestItRecordedBefore() {
        FileStoreTracker tracker = tracker();
        TrackingRun run = tracker.startRun("e", "r", Map.of());
        new BestGenerator("fcd", true, run, Map.of()).consider(100, Map.of("fcd", 10.0), () -> g("G at 100"));
        Map<String, String> before = tracker.runSummary(run.runId()).tags();

        BestGenerator resumed = new BestGenerator("fcd", true, run, before);
        resumed.consider(200, Map.of("fcd", 11.0), () -> g("G at 200"));
        assertThat(kept(tracker, run.runId())).isEqualTo("G at 100");
        resumed.consider(300, Map.of("fcd", 9.0), () -> g("G at 300"));
        assertThat(kept(tracker, run.runId())).isEqualTo("G at 300");
        assertThat(tracker.runSummary(run.runId()).tags()).containsEntry("gantry.best.step", "300");
    }
}
