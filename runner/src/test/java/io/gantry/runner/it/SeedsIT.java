package io.gantry.runner.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every seed tutorial's spec validates, has the article's parameter counts, and trains a few steps. */
class SeedsIT {
    @TempDir
    Path tmp;

    /**
     * Trainable parameters as the article's framework counts them (batch norm gamma/beta yes, moving
     * statistics no). Derivations: DcganParameterCountTest and MlpParameterCountTest; the two small
     * ones here.
     */
    static Stream<Arguments> seeds() {
        return Stream.of(
                Arguments.of("000-dcgan-tf", "seed-000-dcgan-tf", 2_077_569, 835_713),
                // G: 100*128+128 = 12,928; 128*784+784 = 101,136 -> 114,064. D: 784*128+128 = 100,480; 129 -> 100,609
                Arguments.of("000-baseline-fnn", "seed-000-baseline-fnn", 114_064, 100_609),
                Arguments.of("001-mlp-keras", "seed-001-mlp-keras", 1_489_936, 533_505),
                // G: 10*64+64 = 704; 64*784+784 = 50,960 -> 51,664. D: 784*512+512 = 401,920; 513 -> 402,433
                Arguments.of("002-minimal", "seed-002-minimal", 51_664, 402_433),
                Arguments.of("003-dcgan-d2l", "seed-003-dcgan-d2l", 3_576_704, 2_765_696),
                Arguments.of("004-dcgan-upsample", "seed-004-dcgan-upsample", 6_751_233, 3_485_441));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void seedValidatesDescribesAndTrains(String file, String experiment, long gParams, long dParams) throws Exception {
        String spec = "experiments/seeds/" + file + ".yaml";
        assertThat(Files.readString(Gantry.ROOT.resolve(spec))).startsWith("# Seed 00");

        Gantry.Result validate = Gantry.run("validate", spec);
        assertThat(validate.exitCode()).as(validate.stderr()).isZero();
        assertThat(validate.stdout()).contains(": OK");

        Gantry.Result describe = Gantry.run("describe", spec);
        assertThat(describe.exitCode()).as(describe.stderr()).isZero();
        assertThat(describe.stdout()).endsWith("generator trainable parameters: " + gParams + "\n"
                + "discriminator trainable parameters: " + dParams + "\n");

        List<String> args = new ArrayList<>(List.of("run", spec, "--max-steps", "2", "--set", "training.batch_size=8",
                "--tracking-uri", tmp.resolve("mlruns").toString()));
        if (file.startsWith("003")) {
            // The Pokemon sprites cannot be downloaded here: a folder of sprites the test draws.
            Path sprites = Files.createDirectories(tmp.resolve("sprites"));
            for (int i = 0; i < 12; i++) {
                BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB);
                var g = img.createGraphics();
                g.setColor(new Color(20 * i, 255 - 20 * i, 120, 255));
                g.fillOval(5 + i, 5, 20, 25);
                g.dispose();
                ImageIO.write(img, "png", sprites.resolve("sprite" + i + ".png").toFile());
            }
            args.addAll(List.of("--set", "dataset.path=" + sprites));
        }
        Gantry.Result run = Gantry.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.stderr()).isZero();

        JsonNode r = new ObjectMapper().readTree(Gantry.readRuns(tmp.resolve("mlruns"), experiment)).get(0);
        assertThat(r.get("status").asText()).isEqualTo("FINISHED");
        assertThat(r.get("metrics").get("g_loss")).hasSize(2);
        r.get("metrics").get("d_loss").forEach(p -> assertThat(p.get(1).asDouble()).isFinite());
        assertThat(r.get("params").get("sampling.batchnorm").asText()).isIn("train", "inference");
        List<String> images = new ArrayList<>();
        r.get("artifacts").forEach(a -> images.add(a.asText()));
        assertThat(images).anyMatch(a -> a.startsWith("images/samples+step+2+"));
    }
}
