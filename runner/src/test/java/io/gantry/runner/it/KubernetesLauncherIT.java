package io.gantry.runner.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes launcher where no cluster is (none runs here): the Indexed Job it writes passes
 * Kubernetes' published schema (kubernetes-validate, strict), and the sweep folder its ConfigMap
 * carries, laid out as the pod mounts it, runs a trial into the sweep's parent on a real MLflow server.
 */
class KubernetesLauncherIT {
    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void theJobPassesTheSchemaAndItsConfigMapIsASweepFolderATrialRunsFrom() throws Exception {
        Path mount = Files.createDirectories(tmp.resolve("pvc"));
        Files.createSymbolicLink(mount.resolve("data"), Gantry.ROOT.resolve("data"));
        Path spec = tmp.resolve("k8s.yaml");
        Files.writeString(spec, """
                experiment: k8s-it
                latent_dim: 64
                pixel_range: [-1, 1]
                dataset: {type: mnist}
                generator: {type: mlp, hidden: [128]}
                discriminator: {type: mlp, hidden: [128]}
                loss: {type: non-saturating}
                optimizer:
                  generator: {type: adam, lr: 0.001, beta1: 0.5}
                  discriminator: {type: adam, lr: 0.001, beta1: 0.5}
                noise: {type: normal}
                training: {batch_size: 64, steps: 60}
                sampling: {every: 50, rows: 2, cols: 2}
                evaluation: {enabled: false}
                sweep:
                  grid: {noise: [{type: normal}, {type: uniform}]}
                launcher:
                  type: kubernetes
                  sweep_dir: %s
                  kubernetes: {image: registry.example.com/gantry:1.0, volume_claim: gantry-work, mount_path: %s,
                               cpu: "2", memory: 4Gi, gpus: 1, parallelism: 1, secret: mlflow-credentials,
                               namespace: ml}
                """.formatted(tmp.resolve("sweeps"), mount));
        try (MlflowServer server = MlflowServer.start(tmp.resolve("mlflow"))) {
            ProcessBuilder pb = Gantry.command("run", spec.toString(), "--tracking-uri", server.uri());
            // no kubectl here: the launcher writes the manifest and says how to apply it
            Gantry.Result r = run(pb);
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).contains("2 trials, all valid").contains("kubectl is not configured here; apply it "
                    + "where it is: kubectl apply -f ");
            Matcher m = Pattern.compile("parent run: ([0-9a-f]{32})").matcher(r.stdout());
            assertThat(m.find()).isTrue();
            String parent = m.group(1);
            Path job = Files.list(tmp.resolve("sweeps")).findFirst().orElseThrow().resolve("job.yaml");

            String python = System.getenv().getOrDefault("GANTRY_PYTHON", Gantry.ROOT.resolve(".venv/bin/python")
                    .toString());
            Path validate = Path.of(python).resolveSibling("kubernetes-validate");
            assertThat(validate).as("the test command installs kubernetes-validate into the venv").isExecutable();
            Process v = new ProcessBuilder(validate.toString(), "--strict", job.toString()).redirectErrorStream(true)
                    .start();
            String said = new String(v.getInputStream().readAllBytes());
            assertThat(v.waitFor()).as(said).isZero();
            assertThat(said).contains("passed for resource configmap/").contains("passed for resource job/");
            // the validator does catch a field Kubernetes does not know
            Path typo = tmp.resolve("typo.yaml");
            Files.writeString(typo, Files.readString(job).replace("completionMode:", "completionMod:"));
            Process bad = new ProcessBuilder(validate.toString(), "--strict", typo.toString()).redirectErrorStream(true)
                    .start();
            String badSaid = new String(bad.getInputStream().readAllBytes());
            assertThat(bad.waitFor()).as(badSaid).isNotZero();

            List<Map<String, Object>> docs = new ArrayList<>();
            new Yaml().loadAll(Files.readString(job)).forEach(d -> docs.add((Map<String, Object>) d));
            Map<String, Object> configMap = docs.get(0);
            Map<String, Object> jobSpec = (Map<String, Object>) docs.get(1).get("spec");
            assertThat(jobSpec).containsEntry("completionMode", "Indexed").containsEntry("completions", 2)
                    .containsEntry("parallelism", 1);
            Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) jobSpec.get("template")).get("spec");
            Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
            assertThat(container.get("command").toString()).contains("trial /etc/gantry/sweep "
                    + "\"$((JOB_COMPLETION_INDEX + 1))\"");
            assertThat(container.get("resources").toString()).contains("nvidia.com/gpu=1").contains("memory=4Gi");
            assertThat(container.get("envFrom").toString()).contains("mlflow-credentials");

            // the pod's view: the ConfigMap's items at their paths, the claim as the working directory
            Path sweepDir = tmp.resolve("etc-gantry-sweep");
            Map<String, String> data = (Map<String, String>) configMap.get("data");
            Map<String, Object> volume = ((List<Map<String, Object>>) pod.get("volumes")).get(1);
            for (Map<String, Object> item : (List<Map<String, Object>>) ((Map<String, Object>) volume.get("configMap"))
                    .get("items")) {
                Path to = sweepDir.resolve((String) item.get("path"));
                Files.createDirectories(to.getParent());
                Files.writeString(to, data.get((String) item.get("key")));
            }
            ProcessBuilder trial = Gantry.command("trial", sweepDir.toString(), "2").directory(mount.toFile());
            trial.environment().put("JOB_COMPLETION_INDEX", "1");
            trial.environment().put("GANTRY_K8S_POD", "k8s-it-pod-1");
            Gantry.Result t = run(trial);
            assertThat(t.exitCode()).as(t.stderr()).isZero();
            JsonNode runs = new HttpPost(server.uri()).json("/api/2.0/mlflow/runs/search", "{\"experiment_ids\": [\""
                    + server.get("/api/2.0/mlflow/runs/get?run_id=" + parent).get("run").get("info")
                    .get("experiment_id").asText() + "\"], \"filter\": \"tags.gantry.trial = '2'\"}").get("runs");
            assertThat(runs).hasSize(1);
            String tags = runs.get(0).get("data").get("tags").toString();
            assertThat(tags).contains("\"key\":\"mlflow.parentRunId\",\"value\":\"" + parent + "\"")
                    .contains("\"key\":\"kubernetes.completion_index\",\"value\":\"1\"")
                    .contains("\"key\":\"kubernetes.pod\",\"value\":\"k8s-it-pod-1\"");
            assertThat(runs.get(0).get("data").get("params").toString()).contains("\"value\":\"uniform\"");
            assertThat(Files.isDirectory(mount.resolve("checkpoints"))).as("checkpoints on the claim").isTrue();
        }
    }

    private static Gantry.Result run(ProcessBuilder pb) throws Exception {
        Path out = Files.createTempFile("gantry", ".out");
        Path err = Files.createTempFile("gantry", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Gantry.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
