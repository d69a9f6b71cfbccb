package io.gantry.runner.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each mistake a user makes gets one clear line naming the file, line and key, and a non-zero exit. */
class BadInputIT {
    @TempDir
    Path tmp;

    private Path specWith(String from, String to) throws Exception {
        String text = Files.readString(Gantry.ROOT.resolve("experiments/quickstart.yaml"));
        assertThat(text).contains(from);
        Path spec = tmp.resolve("bad.yaml");
        Files.writeString(spec, text.replace(from, to));
        return spec;
    }

    @Test
    void unknownKey() throws Exception {
        Gantry.Result r = Gantry.run("validate", specWith("  hidden: [512, 256]", "  hiden: [512, 256]").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.lastErrorLine()).startsWith("error: bad.yaml:17:3: discriminator.hiden: discriminator 'mlp': "
                + "unknown parameter 'hiden'; allowed: hidden (list of integers >= 1, default [512, 256])");
    }

    @Test
    void unknownComponentListsTheAvailableOnes() throws Exception {
        Gantry.Result r = Gantry.run("validate", specWith("type: non-saturating", "type: wgan-gp").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.lastErrorLine()).isEqualTo("error: bad.yaml:20:3: loss.type: unknown loss 'wgan-gp'; "
                + "available: hinge, keras-bce, least-squares, log-epsilon, minimax, non-saturating, "
                + "relativistic-average, relativistic-average-ls, wasserstein");
    }

    @Test
    void aSaturationGuardOnAScoreCriticIsRefused() throws Exception {
        Gantry.Result r = Gantry.run("validate", "experiments/quickstart.yaml", "--set", "loss.type=hinge",
                "--set", "training.stop_if_d_saturated_for=50");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.lastErrorLine()).contains("training.stop_if_d_saturated_for: loss 'hinge' reads its critic "
                + "as a score, which never saturates");
    }

    @Test
    void wrongType() throws Exception {
        Gantry.Result r = Gantry.run("validate", specWith("batch_size: 64", "batch_size: sixty-four").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.lastErrorLine()).isEqualTo("error: bad.yaml:32:3: training.batch_size: parameter 'batch_size' "
                + "expects an integer but got string 'sixty-four'");
    }

    @Test
    void wrongTypeFromTheCommandLine() throws Exception {
        Gantry.Result r = Gantry.run("validate", "experiments/quickstart.yaml", "--set", "optimizer.generator.lr=fast");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.lastErrorLine()).isEqualTo("error: quickstart.yaml (--set): optimizer.generator.lr: optimizer "
                + "'adam': parameter 'lr' expects a number but got string 'fast'");
    }

    @Test
    void numbersOutsideWhatCanTrainAreRefusedBeforeAnythingIsBuilt() throws Exception {
        String[][] cases = {
            {"optimizer.generator.lr=.nan", "error: quickstart.yaml (--set): optimizer.generator.lr: optimizer 'adam': "
                    + "parameter 'lr' is NaN but must be a finite number (number >= 0)"},
            {"noise.std=.inf", "error: quickstart.yaml (--set): noise.std: noise 'normal': parameter 'std' is Infinity "
                    + "but must be a finite number"},
            // 2^32 + 100 used to wrap to 100; 10^9 crashed the JVM in native code
            {"latent_dim=4294967396", "error: quickstart.yaml (--set): latent_dim: is 4294967396 but must be an integer "
                    + "in [1, 16384]"},
            {"latent_dim=1000000000", "error: quickstart.yaml (--set): latent_dim: is 1000000000 but must be an integer "
                    + "in [1, 16384]"},
            {"training.steps=4294967396", "error: quickstart.yaml (--set): training.steps: parameter 'steps' is "
                    + "4294967396, beyond any integer it can hold (-2147483648 to 2147483647)"},
            // a width of 2 * 10^9 crashed the JVM in ND4J's allocator and left an hs_err file
            {"generator.hidden=[256, 2000000000]", "error: quickstart.yaml:11:1: generator: the generator would have "
                    + "2,090,000,027,664 parameters (33440.0 GB with its gradients and optimizer state), more than this "
                    + "machine's "},
        };
        for (String[] c : cases) {
            Gantry.Result r = Gantry.run("validate", "experiments/quickstart.yaml", "--set", c[0]);
            assertThat(r.exitCode()).as(c[0]).isEqualTo(2);
            assertThat(r.lastErrorLine()).as(c[0]).startsWith(c[1]);
            assertThat(r.stderr()).as(c[0]).doesNotContain("\tat ");
        }
    }

    @Test
    void aSchedulerOnAMetricNoTrialLogsIsRefusedBeforeAnyTrains() throws Exception {
        Gantry.Result r = Gantry.run("run", "experiments/sweeps/asha-random-search.yaml", "--dry-run", "--set",
                "sweep.scheduler.metric=fid", "--set", "sweep.scheduler.mode=min");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.lastErrorLine()).startsWith("error: trial 1 (").contains("sweep.scheduler.metric: 'fid' is not "
                + "a value this trial logs at a rung; it logs [").contains("fcd").contains("d_loss");
        r = Gantry.run("run", "experiments/sweeps/asha-random-search.yaml", "--max-steps", "300");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.lastErrorLine()).isEqualTo("error: --max-steps 300 is not above sweep.scheduler.min_steps 300: no "
                + "trial would reach a rung");
    }

    @Test
    void brokenSetAndSweepValuesAreOneLine() throws Exception {
        Gantry.Result r = Gantry.run("validate", "experiments/quickstart.yaml", "--set", "noise={a: [");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.lastErrorLine()).isEqualTo("error: --set noise={a: [: '{a: [' is not a YAML value: expected the "
                + "node content, but found '<stream end>' at column 6");
        r = Gantry.run("validate", "experiments/quickstart.yaml", "--set", "noise=!!java.io.File /tmp");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.lastErrorLine()).startsWith("error: --set noise=!!java.io.File /tmp: '!!java.io.File /tmp' is "
                + "not a YAML value: Global tag is not allowed");
        r = Gantry.run("run", "experiments/quickstart.yaml", "--sweep", "noise=[]", "--dry-run");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.lastErrorLine()).isEqualTo("error: --sweep noise=[]: no values; give one or more, e.g. "
                + "noise=a,b or noise=[a, b]");
        assertThat(r.stdout()).doesNotContain("all valid");
    }

    @Test
    void aTrackingStoreThatCannotBeOneIsOneLineAndNothingIsLeftBehind() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "not a folder");
        Gantry.Result r = Gantry.run("run", "experiments/quickstart.yaml", "--max-steps", "1", "--tracking-uri",
                file.resolve("mlruns").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.lastErrorLine()).isEqualTo("error: tracking URI '" + file.resolve("mlruns") + "': " + file
                + " is a file, not a folder; choose another --tracking-uri (a folder for MLflow's file store)");
        // a mistyped scheme used to become a folder named after it
        r = Gantry.run("run", "experiments/quickstart.yaml", "--max-steps", "1", "--tracking-uri", "htp:/localhost");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.lastErrorLine()).isEqualTo("error: tracking URI 'htp:/localhost': unknown scheme 'htp'; use "
                + "http(s)://host:port for an MLflow server, or a folder (a path, or file:/path)");
        assertThat(Gantry.ROOT.resolve("htp:")).doesNotExist();
        assertThat(r.stderr()).doesNotContain("\tat ");
    }

    @Test
    void qualityMetricsOnAnUnlabelledDatasetAreRefusedAtValidation() throws Exception {
        Gantry.Result r = Gantry.run("validate", "experiments/seeds/003-dcgan-d2l.yaml", "--set",
                "evaluation.enabled=true");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.lastErrorLine()).isEqualTo("error: 003-dcgan-d2l.yaml (--set): evaluation.enabled: dataset "
                + "'image-folder' has no labels, and quality metrics judge generated images with a classifier trained "
                + "on labelled ones (mnist, fashion-mnist); set 'evaluation: {enabled: false}'");
    }

    @Test
    void badMetricConfigIsRefusedAtValidation() throws Exception {
        Gantry.Result unknown = Gantry.run("validate", "experiments/quickstart.yaml", "--set",
                "evaluation.metrics=[fcd, fid]");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.lastErrorLine()).isEqualTo("error: quickstart.yaml (--set): evaluation.metrics.fid.type: "
                + "unknown metric 'fid'; available: class-coverage, classifier-score, conditional, fcd, precision-recall");
        Gantry.Result badParam = Gantry.run("validate", "experiments/quickstart.yaml", "--set",
                "evaluation.metrics={class-coverage: {min_share: 2}}");
        assertThat(badParam.exitCode()).isEqualTo(2);
        assertThat(badParam.lastErrorLine()).startsWith("error: quickstart.yaml (--set): "
                + "evaluation.metrics.class-coverage.min_share: metric 'class-coverage': parameter 'min_share' is 2");
        Gantry.Result tooFew = Gantry.run("validate", "experiments/quickstart.yaml", "--set", "evaluation.samples=5");
        assertThat(tooFew.exitCode()).isEqualTo(2);
        assertThat(tooFew.lastErrorLine()).startsWith("error: quickstart.yaml (--set): evaluation.samples: "
                + "parameter 'samples' is 5 but must be");
        Gantry.Result notLogged = Gantry.run("validate", "experiments/quickstart.yaml", "--set",
                "evaluation.metrics=[fcd]", "--set", "evaluation.best_metric=precision");
        assertThat(notLogged.exitCode()).isEqualTo(2);
        assertThat(notLogged.lastErrorLine()).isEqualTo("error: quickstart.yaml (--set): evaluation.best_metric: "
                + "'precision' is not a metric this run logs; its quality metrics log: fcd, real_fcd, "
                + "classifier_test_accuracy");
    }

    @Test
    void missingSpecFile() throws Exception {
        Gantry.Result r = Gantry.run("run", "experiments/nope.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.lastErrorLine()).isEqualTo("error: experiments/nope.yaml: no such file");
    }

    @Test
    void corruptIdxFileFailsTheRunWithTheFileNamedAndRecordsIt() throws Exception {
        Gantry.Result installed = Gantry.run("data", "experiments/quickstart.yaml");
        assertThat(installed.exitCode()).as(installed.stderr()).isZero();
        Path data = tmp.resolve("data");
        Path mnist = Files.createDirectories(data.resolve("mnist"));
        for (String f : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"}) {
            Files.copy(Gantry.ROOT.resolve("data/mnist").resolve(f), mnist.resolve(f));
        }
        byte[] labels = Files.readAllBytes(mnist.resolve("train-labels-idx1-ubyte"));
        labels[3] = 0x03; // an images magic number in the labels file
        Files.write(mnist.resolve("train-labels-idx1-ubyte"), labels);
        Path store = tmp.resolve("mlruns");

        Gantry.Result r = Gantry.run("run", "experiments/quickstart.yaml", "--max-steps", "2", "--data-dir",
                data.toString(), "--tracking-uri", store.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.lastErrorLine()).startsWith("error: corrupt MNIST file " + mnist.resolve("train-labels-idx1-ubyte")
                + ": SHA-256 ");
        var runs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Gantry.readRuns(store, "quickstart"));
        assertThat(runs.get(0).get("status").asText()).isEqualTo("FAILED");
        assertThat(runs.get(0).get("tags").get("gantry.error").asText()).contains("corrupt MNIST file");
    }
}
