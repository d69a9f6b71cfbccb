package io.gantry.runner.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Using what was trained, on a real MLflow server: a run registers its generator in the Model Registry,
 * and {@code gantry sample} draws from the run id and from the registered version alike, the same seed
 * giving the same image.
 */
class SampleIT {
    private static final Pattern RUN = Pattern.compile("run ([0-9a-f]{32}) FINISHED");
    /** MNIST tiles are scaled 2x to 56 px, with 2 px gaps. */
    private static final int TILE = 56 + 2;

    @TempDir
    Path tmp;

    @Test
    void aRegisteredGeneratorDrawsTheSameImagesAsItsRun() throws Exception {
        try (MlflowServer server = MlflowServer.start(tmp.resolve("mlflow"))) {
            Gantry.Result train = Gantry.run("run", "experiments/quickstart.yaml", "--max-steps", "150", "--set",
                    "evaluation.enabled=false", "--tracking-uri", server.uri(), "--register-model", "it-gan");
            assertThat(train.exitCode()).as(train.stderr()).isZero();
            Matcher m = RUN.matcher(train.stderr());
            assertThat(m.find()).as(train.stderr()).isTrue();
            String runId = m.group(1);
            assertThat(train.stderr()).contains("registered run " + runId + " as models:/it-gan/1 (version 1 of "
                    + "'it-gan': its last generator, models/)");
            JsonNode version = server.get("/api/2.0/mlflow/model-versions/get?name=it-gan&version=1").get("model_version");
            assertThat(version.get("run_id").asText()).isEqualTo(runId);
            assertThat(version.get("source").asText()).endsWith(runId + "/artifacts/models");

            Path fromRun = sample(server, runId, "run.png", "--n", "16", "--seed", "7");
            Path fromModel = sample(server, "models:/it-gan/1", "model.png", "--n", "16", "--seed", "7");
            Path otherSeed = sample(server, "models:/it-gan/latest", "other.png", "--n", "16", "--seed", "8");
            assertThat(Files.readAllBytes(fromModel)).isEqualTo(Files.readAllBytes(fromRun));
            assertThat(Files.readAllBytes(otherSeed)).isNotEqualTo(Files.readAllBytes(fromRun));
            BufferedImage grid = ImageIO.read(fromRun.toFile());
            assertThat(grid.getWidth()).isEqualTo(4 * TILE + 2);
            assertThat(grid.getHeight()).isEqualTo(4 * TILE + 2);
            assertThat(distinctGreys(grid)).as("a trained generator's images, not a blank").isGreaterThan(50);

            BufferedImage strip = ImageIO.read(sample(server, runId, "strip.png", "--interpolate", "1,2", "--frames",
                    "6", "--truncation", "1.5").toFile());
            assertThat(strip.getWidth()).isEqualTo(6 * TILE + 2);
            assertThat(strip.getHeight()).isEqualTo(TILE + 2);

            Gantry.Result again = Gantry.run("register", runId, "it-gan", "--tracking-uri", server.uri());
            assertThat(again.exitCode()).as(again.stderr()).isZero();
            assertThat(again.stdout()).contains("as models:/it-gan/2");

            // what a user gets wrong: one line each, exit 2
            assertOneLine(server, "error: model 'it-gan' has no version 9; it has 1 to 2", "sample", "models:/it-gan/9",
                    "--out", tmp.resolve("x.png").toString());
            assertOneLine(server, "error: no registered model 'nope' on the MLflow server at " + server.uri()
                    + " (register one with: gantry register RUN_ID nope)", "sample", "models:/nope/1", "--out",
                    tmp.resolve("x.png").toString());
            assertOneLine(server, "error: --class 3: run " + runId + " was trained without conditioning, so its "
                    + "generator cannot be asked for a class; leave --class out", "sample", runId, "--class", "3",
                    "--out", tmp.resolve("x.png").toString());
            String bare = new HttpPost(server.uri()).json("/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"0\"}")
                    .get("run").get("info").get("run_id").asText();
            assertOneLine(server, "error: run " + bare + " has no saved generator (models/generator.zip): only runs "
                    + "that ended, FINISHED or stopped, save one; a crashed run can be resumed to the end with gantry "
                    + "resume " + bare, "register", bare, "it-gan");
            assertOneLine(server, "error: run " + runId + " kept no best generator (best/generator.zip): set "
                    + "evaluation.best_metric (e.g. fcd) and best_mode in a run's spec to keep one; --weights last takes "
                    + "this run's last generator", "sample", runId, "--weights", "best", "--out",
                    tmp.resolve("x.png").toString());
            assertThat(Files.exists(tmp.resolve("x.png"))).isFalse();
        }
    }

    private Path sample(MlflowServer server, String target, String file, String... options) throws Exception {
        Path out = tmp.resolve(file);
        String[] args = new String[options.length + 6];
        args[0] = "sample";
        args[1] = target;
        args[2] = "--out";
        args[3] = out.toString();
        args[4] = "--tracking-uri";
        args[5] = server.uri();
        System.arraycopy(options, 0, args, 6, options.length);
        Gantry.Result r = Gantry.run(args);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("from models/generator.zip of run ");
        return out;
    }

    private static void assertOneLine(MlflowServer server, String line, String... args) throws Exception {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--tracking-uri";
        all[args.length + 1] = server.uri();
        Gantry.Result r = Gantry.run(all);
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderr().strip()).isEqualTo(line);
    }

    private static long distinctGreys(BufferedImage img) {
        java.util.Set<Integer> greys = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                greys.add(img.getRGB(x, y) & 0xff);
            }
        }
        return greys.size();
    }
}
