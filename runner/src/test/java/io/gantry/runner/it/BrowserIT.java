package io.gantry.runner.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs on a real MLflow server, looked at in MLflow's UI through headless Chromium: the runs
 * table lists them, the chart view has the loss charts, and the image grid shows both runs' sample
 * grids at step 0 and, after moving the step slider, at the last step. Screenshots are kept in
 * runner/target/ui-screenshots.
 */
class BrowserIT {
    @TempDir
    Path tmp;

    @Test
    void mlflowUiShowsTheRunsTheirLossChartsAndSampleImages() throws Exception {
        Path ui = Gantry.ROOT.resolve("runner/src/test/ui");
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        assertThat(Files.isExecutable(chromium)).as("Chromium at " + chromium + ": ./scripts/test.sh installs "
                + "Debian's chromium package").isTrue();
        assertThat(ui.resolve("node_modules/playwright-core")).as("./scripts/test.sh runs npm ci in " + ui).exists();

        try (MlflowServer server = MlflowServer.start(tmp.resolve("server"))) {
            List<String> runIds = new ArrayList<>();
            for (String lr : List.of("0.0002", "0.001")) {
                Gantry.Result r = Gantry.run("run", "experiments/quickstart.yaml", "--max-steps", "40", "--set",
                        "sampling.every=20", "--set", "experiment=browser-check", "--set", "run_name=lr-" + lr,
                        "--set", "optimizer.generator.lr=" + lr, "--tracking-uri", server.uri());
                assertThat(r.exitCode()).as(r.stderr()).isZero();
                String line = r.stderr().lines().filter(l -> l.startsWith("run ")).reduce((a, b) -> b).orElseThrow();
                runIds.add(line.split(" ")[1]);
            }
            String experimentId = server.get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=browser-check")
                    .get("experiment").get("experiment_id").asText();
            Path shots = Files.createDirectories(Gantry.ROOT.resolve("runner/target/ui-screenshots"));
            Process node = new ProcessBuilder("node", ui.resolve("mlflow-ui-check.mjs").toString(), server.uri(),
                    experimentId, "40", shots.toString()).redirectError(tmp.resolve("node.err").toFile()).start();
            byte[] out = node.getInputStream().readAllBytes();
            assertThat(node.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(node.exitValue()).as(Files.readString(tmp.resolve("node.err"))).isZero();
            JsonNode report = new ObjectMapper().readTree(out);

            assertThat(report.get("runsTable").asText()).contains("lr-0.0002", "lr-0.001", "2 matching runs");
            List<String> losses = new ArrayList<>();
            report.get("lossHeadings").forEach(h -> losses.add(h.asText()));
            // The search filters metric charts (fcd and the others are gone); image cards stay.
            assertThat(losses).contains("d_loss", "g_loss").doesNotContain("fcd", "d_x");
            assertThat(report.get("lossPlots").asInt()).isGreaterThanOrEqualTo(2);
            List<String> searched = new ArrayList<>();
            report.get("searchedHeadings").forEach(h -> searched.add(h.asText()));
            assertThat(searched).contains("samples", "class_histogram").doesNotContain("d_loss");
            for (String runId : runIds) {
                assertThat(sources(report.get("imagesAtFirstStep"))).as("step 0 image of " + runId)
                        .anyMatch(src -> src.contains("samples+step+0+") && src.endsWith("run_uuid=" + runId));
                assertThat(sources(report.get("imagesAtLastStep"))).as("step 40 image of " + runId)
                        .anyMatch(src -> src.contains("samples+step+40+") && src.endsWith("run_uuid=" + runId));
            }
            assertThat(report.get("sliderValue").asText()).isEqualTo("40");
            // The UI shows the thumbnails: WebP that the browser decodes, the 292-pixel grid scaled to 256 as
            // mlflow.log_image scales it (an undecodable image has no natural size).
            report.get("imagesAtLastStep").forEach(img -> {
                if (img.get("src").asText().contains("samples+")) {
                    assertThat(img.get("src").asText()).contains("+compressed.webp");
                    assertThat(img.get("width").asInt()).isEqualTo(256);
                    assertThat(img.get("height").asInt()).isEqualTo(256);
                }
            });
        }
    }

    private static List<String> sources(JsonNode images) {
        List<String> out = new ArrayList<>();
        images.forEach(i -> out.add(i.get("src").asText()));
        return out;
    }
}
