package io.gantry.runner.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.Network;
import io.gantry.engine.ModelZip;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A generator Gantry trained (the DCGAN of seed 000: dense, transposed-convolution and batch-norm
 * layers, all of which Gantry runs with its own kernels) restores in a JVM that has DL4J and no Gantry
 * class, and gives the output Gantry gives for the same noise.
 */
class SavedModelsIT {
    @TempDir
    Path tmp;

    @Test
    void dl4jAloneRestoresTheGeneratorAndGivesGantrysOutput() throws Exception {
        Path store = tmp.resolve("mlruns");
        Gantry.Result r = Gantry.run("run", "experiments/seeds/000-dcgan-tf.yaml", "--max-steps", "2",
                "--set", "evaluation.enabled=false", "--tracking-uri", store.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Path zip;
        try (var files = Files.walk(store)) {
            zip = files.filter(f -> f.endsWith(Path.of("models", "generator.zip"))).findFirst().orElseThrow();
        }
        INDArray noise = Nd4j.randn(DataType.FLOAT, 6, 100);
        Path noiseFile = tmp.resolve("noise.bin");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(noiseFile))) {
            Nd4j.write(noise, out);
        }
        // Gantry's view: the model as a resumed run trains it, with Gantry's kernels in.
        var gantry = ModelZip.forTraining(Network.of(ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), true)));
        assertThat(((MultiLayerNetwork) gantry.model()).getLayerWiseConfigurations().toJson())
                .contains("io.gantry.kernels");
        INDArray expected = gantry.output(noise, false);

        String dl4jOnly;
        try (var jars = Files.list(Gantry.ROOT.resolve("runner/target/lib"))) {
            dl4jOnly = jars.filter(j -> !j.getFileName().toString().startsWith("gantry-"))
                    .map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        }
        Path output = tmp.resolve("output.bin");
        Path log = tmp.resolve("dl4j-alone.log");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", dl4jOnly, Gantry.ROOT.resolve("runner/src/test/dl4j-alone/RestoreAndRun.java").toString(),
                zip.toString(), noiseFile.toString(), output.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();

        INDArray alone;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(output))) {
            alone = Nd4j.read(in);
        }
        assertThat(alone.shape()).containsExactly(6, 1, 28, 28);
        // Gantry's tanh is TensorFlow's rational approximation, within 1e-6 of libm's (README, Speed).
        assertThat(alone.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(alone.std().getDouble(0)).as("a real image batch, not a constant").isGreaterThan(0.01);
    }
}
