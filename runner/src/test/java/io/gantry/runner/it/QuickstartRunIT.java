package io.gantry.runner.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart through the real launcher, plugins from the built plugins folder, real MNIST, and
 * the run read back by MLflow's own Python client from the file store Gantry wrote.
 */
class QuickstartRunIT {
    @TempDir
    Path tmp;

    @Test
    void quickstartRunIsReadableByMlflowWithFullHistoriesAndSampleImages() throws Exception {
        Path store = tmp.resolve("mlruns");
        Gantry.Result r = Gantry.run("run", "experiments/quickstart.yaml", "--max-steps", "40",
                "--set", "sampling.every=20", "--set", "run_name=it-quickstart", "--set", "evaluation.every=20",
                "--tracking-uri", store.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("backend: CPU").contains("FINISHED after 40 steps");
        // the end says how good the run is and how to look at it
        assertThat(r.stderr()).containsPattern("quality: fcd [0-9.e+]+ \\(real [0-9.e-]+\\), classifier_score")
                .contains("open it: MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri " + store);

        JsonNode runs = new ObjectMapper().readTree(Gantry.readRuns(store, "quickstart"));
        assertThat(runs).hasSize(1);
        JsonNode run = runs.get(0);
        assertThat(run.get("status").asText()).isEqualTo("FINISHED");
        assertThat(run.get("run_name").asText()).isEqualTo("it-quickstart");

        JsonNode params = run.get("params");
        assertThat(params.get("optimizer.generator.type").asText()).isEqualTo("adam");
        assertThat(params.get("optimizer.generator.lr").asText()).isEqualTo("2.0E-4");
        assertThat(params.get("optimizer.discriminator.beta2").asText()).isEqualTo("0.999"); // a default
        assertThat(params.get("generator.hidden").asText()).isEqualTo("[256, 512, 1024]");
        assertThat(params.get("training.batch_size").asText()).isEqualTo("64");
        assertThat(params.get("max_steps").asText()).isEqualTo("40");

        for (String key : List.of("d_loss", "g_loss", "d_x", "d_g_z", "images_per_sec")) {
            List<Long> steps = new ArrayList<>();
            run.get("metrics").get(key).forEach(point -> steps.add(point.get(0).asLong()));
            assertThat(steps).as(key).containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
        }
        run.get("metrics").get("d_loss").forEach(p -> assertThat(p.get(1).asDouble()).isFinite().isPositive());

        // Quality metrics at every evaluation (step 20 and the end), on the default 10,000 samples,
        // with the real-data reference values beside them. 40 steps of an MLP GAN make blobs.
        for (String key : List.of("fcd", "classifier_score", "classes_covered", "class_kl", "precision", "recall",
                "real_fcd", "real_classifier_score", "real_classes_covered", "real_class_kl", "real_precision",
                "real_recall", "classifier_test_accuracy", "evaluation_seconds")) {
            List<Long> steps = new ArrayList<>();
            run.get("metrics").get(key).forEach(point -> steps.add(point.get(0).asLong()));
            assertThat(steps).as(key).containsExactly(20L, 40L);
        }
        JsonNode m = run.get("metrics");
        assertThat(last(m, "classifier_test_accuracy")).isGreaterThanOrEqualTo(0.99);
        assertThat(last(m, "real_classes_covered")).isEqualTo(10.0);
        assertThat(last(m, "real_fcd")).isLessThan(1.0);
        assertThat(last(m, "fcd")).isGreaterThan(10 * last(m, "real_fcd"));
        assertThat(last(m, "classes_covered")).isBetween(0.0, 10.0);
        assertThat(last(m, "classifier_score")).isBetween(1.0, 10.0);
        assertThat(last(m, "precision")).isBetween(0.0, 1.0);
        assertThat(params.get("evaluation.samples").asText()).isEqualTo("10000");
        assertThat(params.get("evaluation.metrics.class-coverage.min_share").asText()).isEqualTo("0.02");
        assertThat(r.stderr()).containsPattern("step 40: fcd [0-9.e+]+ \\(real [0-9.e-]+\\), classifier_score");

        List<String> artifacts = new ArrayList<>();
        run.get("artifacts").forEach(a -> artifacts.add(a.asText()));
        assertThat(artifacts).contains("spec.yaml");
        assertThat(artifacts).filteredOn(a -> a.matches("images/samples\\+step\\+(20|40)\\+timestamp\\+.*\\.png"))
                .hasSize(2);
        assertThat(artifacts).filteredOn(a -> a.matches("images/class_histogram\\+step\\+(20|40)\\+timestamp\\+.*\\.png"))
                .hasSize(2);
        assertThat(run.get("tags").get("mlflow.loggedImages").asText()).isEqualTo("True");
        assertThat(run.get("tags").get("gantry.backend.kind").asText()).isEqualTo("CPU");
        assertThat(run.get("tags").get("gantry.component.generator").asText()).startsWith("mlp (gantry-mlp ");

        // The PNG is a real image of a 5x5 grid of 28x28 digits scaled x2 with 2px gaps.
        Path runDir;
        try (var dirs = Files.walk(store, 2)) {
            runDir = dirs.filter(d -> d.getFileName().toString().equals(run.get("run_id").asText())
                    && !d.getParent().getFileName().toString().startsWith(".")).findFirst().orElseThrow();
        }
        Path png;
        try (var files = Files.list(runDir.resolve("artifacts/images"))) {
            png = files.filter(f -> f.getFileName().toString().startsWith("samples+step+40+") && f.toString().endsWith(".png"))
                    .findFirst().orElseThrow();
        }
        var image = javax.imageio.ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(5 * (56 + 2) + 2);
        assertThat(image.getHeight()).isEqualTo(5 * (56 + 2) + 2);
    }

    @Test
    void sameSpecAndSeedGiveTheSameLossesInTwoProcesses() throws Exception {
        List<List<Double>> losses = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            Path store = tmp.resolve(name);
            Gantry.Result r = Gantry.run("run", "experiments/quickstart.yaml", "--max-steps", "15",
                    "--tracking-uri", store.toString());
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            List<Double> values = new ArrayList<>();
            JsonNode run = new ObjectMapper().readTree(Gantry.readRuns(store, "quickstart")).get(0);
            for (String key : List.of("d_loss", "g_loss")) {
                run.get("metrics").get(key).forEach(p -> values.add(p.get(1).asDouble()));
            }
            losses.add(values);
        }
        assertThat(losses.get(0)).hasSize(30).isEqualTo(losses.get(1));
    }

    @Test
    void dcganOfSeed000TrainsAFewStepsThroughTheSamePath() throws Exception {
        Path store = tmp.resolve("mlruns");
        Gantry.Result r = Gantry.run("run", "experiments/seeds/000-dcgan-tf.yaml", "--max-steps", "2",
                "--set", "training.batch_size=16", "--tracking-uri", store.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode run = new ObjectMapper().readTree(Gantry.readRuns(store, "seed-000-dcgan-tf")).get(0);
        assertThat(run.get("status").asText()).isEqualTo("FINISHED");
        assertThat(run.get("metrics").get("g_loss")).hasSize(2);
        assertThat(run.get("params").get("sampling.batchnorm").asText()).isEqualTo("train");
    }

    private static double last(JsonNode metrics, String key) {
        JsonNode history = metrics.get(key);
        return history.get(history.size() - 1).get(1).asDouble();
    }
}
