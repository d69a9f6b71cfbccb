package io.gantry.runner.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.runner.spec.SpecDocument;
import io.gantry.runner.spec.SpecException;
import io.gantry.runner.spec.SpecLoader;
import io.gantry.tracking.FileStoreTracker;
import io.gantry.tracking.Tracker;
import io.gantry.tracking.TrackingUnavailableException;
import io.gantry.tracking.TrackingRun;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AshaSchedulerTest {
    @TempDir
    Path root;

    private static AshaSpec parse(String block) {
        SpecDocument doc = new SpecLoader().parse(Path.of("sweep.yaml"), "sweep:\n  scheduler: " + block + "\n");
        return AshaSpec.from(doc);
    }

    @Test
    void rungsAreMinStepsTimesPowersOfEtaBelowTheBudget() {
        AshaSpec spec = parse("{type: asha, metric: fcd, min_steps: 100, eta: 3}");
        assertThat(spec.rungs(2000)).containsExactly(100L, 300L, 900L);
        assertThat(spec.rungs(900)).containsExactly(100L, 300L);
        assertThat(spec.rungs(100)).isEmpty();
        assertThat(spec.minimise()).isTrue();
        assertThat(parse("{type: asha, metric: classifier_score, min_steps: 5}").minimise()).isFalse();
        assertThat(parse("{type: asha, metric: d_loss, mode: max, min_steps: 5}").eta()).isEqualTo(3);
    }

    @Test
    void mistakesNameTheKeyAndWhatIsAllowed() {
        assertThatThrownBy(() -> parse("{type: hyperband, metric: fcd, min_steps: 5}")).isInstanceOf(SpecException.class)
                .hasMessageContaining("sweep.scheduler.type").hasMessageContaining("expected 'asha'");
        assertThatThrownBy(() -> parse("{type: asha, metric: my_metric, min_steps: 5}"))
                .hasMessageContaining("sweep.scheduler.mode").hasMessageContaining("mode: min or mode: max");
        assertThatThrownBy(() -> parse("{type: asha, metric: fcd, min_steps: 0}"))
                .hasMessageContaining("sweep.scheduler.min_steps");
        assertThatThrownBy(() -> parse("{type: asha, metric: fcd, min_steps: 10, eta: 1}"))
                .hasMessageContaining("sweep.scheduler.eta").hasMessageContaining("from 2 to 100");
        assertThatThrownBy(() -> parse("{type: asha, metric: fcd, min_steps: 10, rungs: 3}"))
                .hasMessageContaining("sweep.scheduler.rungs").hasMessageContaining("allowed: type, metric");
    }

    @Test
    void trialsDecideFromTheValuesTheirSiblingsTaggedInTheStore() {
        FileStoreTracker tracker = new FileStoreTracker(root);
        TrackingRun parent = tracker.startRun("sweep", "parent", Map.of());
        AshaSpec spec = parse("{type: asha, metric: fcd, min_steps: 10, eta: 2}");
        String[] ids = new String[4];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tracker.startRun("sweep", "t" + i, Map.of("mlflow.parentRunId", parent.runId())).runId();
        }
        double[] fcd = {4.0, 3.0, 5.0, 1.0};
        boolean[] goOn = new boolean[4];
        for (int i = 0; i < ids.length; i++) {
            // each trial a separate scheduler, as separate processes would have
            AshaScheduler trial = new AshaScheduler(spec, new FileStoreTracker(root), parent.runId());
            assertThat(trial.decisionSteps(100)).containsExactly(10L, 20L, 40L, 80L);
            goOn[i] = trial.goOn(ids[i], 10, Map.of("fcd", fcd[i], "d_loss", 0.7));
        }
        // n=1 first goes on; n=2 3.0 best of 1 kept; n=3 5.0 not best; n=4 1.0 in best 2
        assertThat(goOn).containsExactly(true, true, false, true);

        Map<String, Map<String, String>> tags = tracker.childRunTags(parent.runId());
        Map<String, String> stopped = tags.get(ids[2]);
        assertThat(stopped).containsEntry("gantry.asha.rung.0.value", "5.0")
                .containsEntry("gantry.asha.stopped", "true").containsEntry("gantry.asha.stopped_at_rung", "0")
                .containsEntry("gantry.asha.stopped_at_step", "10").containsEntry("gantry.asha.cutoff", "3.0");
        assertThat(stopped.get("gantry.asha.rung.0.decision"))
                .isEqualTo("stop: fcd 5.00000, rank 3 of 3 reported, best 1 go on, cutoff 3.00000 (rung 0, step 10)");
        assertThat(tags.get(ids[3])).doesNotContainKey("gantry.asha.stopped")
                .containsEntry("gantry.asha.rung.0.value", "1.0");
    }

    @Test
    void aMetricMissingAtARungOrAnUnreachableStoreLetsTheTrialGoOnUndecided() {
        FileStoreTracker tracker = new FileStoreTracker(root);
        TrackingRun parent = tracker.startRun("sweep", "parent", Map.of());
        String id = tracker.startRun("sweep", "t", Map.of("mlflow.parentRunId", parent.runId())).runId();
        AshaSpec spec = parse("{type: asha, metric: fcd, min_steps: 10}");
        // the quality metric failed at this evaluation: nothing to decide on
        AshaScheduler trial = new AshaScheduler(spec, tracker, parent.runId());
        trial.decisionSteps(100);
        assertThat(trial.goOn(id, 10, Map.of("d_loss", 0.5))).isTrue();
        assertThat(tracker.childRunTags(parent.runId()).get(id))
                .containsEntry("gantry.asha.rung.0.decision", "go on: no fcd at step 10 (rung 0)")
                .doesNotContainKey("gantry.asha.stopped");

        // the store is down: a trial is worth more than a decision
        Tracker down = (Tracker) java.lang.reflect.Proxy.newProxyInstance(Tracker.class.getClassLoader(),
                new Class<?>[] {Tracker.class}, (proxy, method, args) -> {
                    if (method.getName().equals("uri") || method.getName().equals("describe")) {
                        return "http://down";
                    }
                    throw new TrackingUnavailableException("connection refused", null);
                });
        AshaScheduler offline = new AshaScheduler(spec, down, parent.runId());
        offline.decisionSteps(100);
        assertThat(offline.goOn(id, 10, Map.of("fcd", 1e9))).isTrue();
    }
}
