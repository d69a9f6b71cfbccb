package io.gantry.runner.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 2x2 sweep through the CLI: one parent run, four children, the table and its CSV. */
class SweepIT {
    @TempDir
    Path tmp;

    @Test
    void noiseByOptimizerSweepLandsAsAParentWithFourChildren() throws Exception {
        Path store = tmp.resolve("mlruns");
        Gantry.Result r = Gantry.run("run", "experiments/sweeps/noise-x-optimizer.yaml", "--max-steps", "3",
                "--tracking-uri", store.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();

        JsonNode runs = new ObjectMapper().readTree(Gantry.readRuns(store, "sweep-noise-x-optimizer"));
        assertThat(runs).hasSize(5);
        JsonNode parent = null;
        Map<String, JsonNode> children = new HashMap<>();
        for (JsonNode run : runs) {
            if (run.get("tags").has("mlflow.parentRunId")) {
                children.put(run.get("run_name").asText(), run);
            } else {
                parent = run;
            }
        }
        assertThat(parent).isNotNull();
        assertThat(parent.get("run_name").asText()).isEqualTo("noise-x-optimizer");
        assertThat(parent.get("status").asText()).isEqualTo("FINISHED");
        assertThat(parent.get("params").get("sweep.trials").asText()).isEqualTo("4");
        assertThat(parent.get("params").get("sweep.grid.noise").asText()).isEqualTo("[uniform, normal]");
        assertThat(children.keySet()).containsExactlyInAnyOrder("noise=uniform,optimizer=sgd",
                "noise=uniform,optimizer=adam", "noise=normal,optimizer=sgd", "noise=normal,optimizer=adam");
        for (JsonNode child : children.values()) {
            String name = child.get("run_name").asText();
            assertThat(child.get("tags").get("mlflow.parentRunId").asText()).isEqualTo(parent.get("run_id").asText());
            assertThat(child.get("status").asText()).isEqualTo("FINISHED");
            JsonNode params = child.get("params");
            assertThat(name).contains("noise=" + params.get("noise.type").asText());
            assertThat(name).contains("optimizer=" + params.get("optimizer.generator.type").asText());
            assertThat(params.get("optimizer.discriminator.type").asText())
                    .isEqualTo(params.get("optimizer.generator.type").asText());
            if (name.contains("sgd")) {
                assertThat(params.get("optimizer.generator.lr").asText()).isEqualTo("0.01");
            } else {
                assertThat(params.get("optimizer.generator.beta1").asText()).isEqualTo("0.5");
            }
            assertThat(child.get("metrics").get("d_loss")).hasSize(3);
        }

        // The terminal table: a header and one row per trial, with status and losses.
        List<String> table = r.stdout().lines().filter(l -> l.startsWith("trial") || l.matches("^\\d .*")).toList();
        assertThat(table).hasSize(5);
        assertThat(table.get(0)).startsWith("trial  values").contains("final_d_loss", "best_g_loss", "status");
        assertThat(table.subList(1, 5)).allMatch(l -> l.contains("FINISHED"));

        List<String> artifacts = new ArrayList<>();
        parent.get("artifacts").forEach(a -> artifacts.add(a.asText()));
        assertThat(artifacts).contains("sweep.csv");
        Path csv;
        try (var files = Files.walk(store)) {
            csv = files.filter(f -> f.endsWith("sweep.csv")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(5);
        // MNIST is labelled, so every trial is evaluated at its end and the table compares quality too.
        assertThat(lines.get(0)).isEqualTo("trial,values,final_d_loss,best_d_loss,final_g_loss,best_g_loss,"
                + "fcd,classifier_score,classes_covered,class_kl,precision,recall,steps,status,run_id");
        assertThat(lines.get(1)).startsWith("1,\"noise=uniform,optimizer=sgd\",").contains(",3,FINISHED,");
        for (String row : lines.subList(1, 5)) {
            String[] cells = row.replaceFirst("^\\d+,\"[^\"]*\",", "").split(",");
            double fcd = Double.parseDouble(cells[4]);
            double classesCovered = Double.parseDouble(cells[6]);
            assertThat(fcd).as(row).isPositive();
            assertThat(classesCovered).as(row).isBetween(0.0, 10.0);
        }
    }

    @Test
    void theSameSweepLandsOnARealMlflowServerAsParentAndChildren() throws Exception {
        try (MlflowServer server = MlflowServer.start(tmp.resolve("server"))) {
            Gantry.Result r = Gantry.run("run", "experiments/sweeps/noise-x-optimizer.yaml", "--max-steps", "2",
                    "--parallel", "2", "--tracking-uri", server.uri());
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            String experimentId = server.get("/api/2.0/mlflow/experiments/get-by-name?experiment_name="
                    + "sweep-noise-x-optimizer").get("experiment").get("experiment_id").asText();
            JsonNode runs = new HttpPost(server.uri()).json("/api/2.0/mlflow/runs/search",
                    "{\"experiment_ids\": [\"" + experimentId + "\"]}").get("runs");
            assertThat(runs).hasSize(5);
            String parentId = null;
            List<String> childNames = new ArrayList<>();
            Map<String, String> parentOf = new HashMap<>();
            for (JsonNode run : runs) {
                Map<String, String> tags = new HashMap<>();
                run.get("data").get("tags").forEach(t -> tags.put(t.get("key").asText(), t.get("value").asText()));
                assertThat(run.get("info").get("status").asText()).isEqualTo("FINISHED");
                if (tags.containsKey("mlflow.parentRunId")) {
                    childNames.add(run.get("info").get("run_name").asText());
                    parentOf.put(run.get("info").get("run_id").asText(), tags.get("mlflow.parentRunId"));
                } else {
                    parentId = run.get("info").get("run_id").asText();
                }
            }
            assertThat(childNames).containsExactlyInAnyOrder("noise=uniform,optimizer=sgd",
                    "noise=uniform,optimizer=adam", "noise=normal,optimizer=sgd", "noise=normal,optimizer=adam");
            String parent = parentId;
            assertThat(parentOf.values()).allMatch(p -> p.equals(parent));
            assertThat(server.get("/api/2.0/mlflow/artifacts/list?run_id=" + parentId).get("files").toString())
                    .contains("sweep.csv");
        }
    }

    @Test
    void oneFailingTrialIsMarkedFailedAndTheOthersGoOn() throws Exception {
        Path store = tmp.resolve("mlruns");
        Gantry.Result r = Gantry.run("run", "experiments/quickstart.yaml", "--max-steps", "2", "--tracking-uri",
                store.toString(), "--sweep",
                "dataset=[{type: mnist}, {type: image-folder, path: /nonexistent, color: grayscale, size: 28}]");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode runs = new ObjectMapper().readTree(Gantry.readRuns(store, "quickstart"));
        Map<String, String> status = new HashMap<>();
        runs.forEach(run -> status.put(run.get("run_name").asText(), run.get("status").asText()));
        assertThat(status).containsEntry("dataset=mnist", "FINISHED").containsEntry("dataset=image-folder", "FAILED")
                .containsEntry("quickstart-sweep", "FINISHED");
    }

    @Test
    void dryRunChecksEveryTrialBeforeAnythingRuns() throws Exception {
        Gantry.Result ok = Gantry.run("run", "experiments/quickstart.yaml", "--dry-run", "--sweep",
                "noise=[{type: uniform}, {type: normal, std: 0.3}]", "--sweep", "training.batch_size=32,64");
        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
        assertThat(ok.stdout()).contains("1\tnoise=uniform,batch_size=32").contains("4 trials, all valid");

        // Switching only the type keeps the normal block's mean/std, which uniform does not take.
        Gantry.Result bad = Gantry.run("run", "experiments/quickstart.yaml", "--dry-run", "--sweep",
                "noise.std=1.0,-1.0");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.lastErrorLine()).isEqualTo("error: trial 2 (std=-1): quickstart.yaml (sweep): noise.std: "
                + "noise 'normal': parameter 'std' is -1.0 but must be number >= 0");
    }
}
