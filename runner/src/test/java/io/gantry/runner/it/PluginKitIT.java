package io.gantry.runner.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gantry.api.Network;
import io.gantry.runner.plugin.GantryPluginManager;
import io.gantry.runner.plugin.ModelFiles;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The plugin kit as an outsider uses it: build plugins/examples as its own Maven project against the
 * installed Gantry API, drop the jar into a folder, list it, train with its components, and read the
 * saved generator (which uses the plugin's own activation) back. A corrupt jar and a jar that needs
 * a newer Gantry are reported by name and skipped.
 */
class PluginKitIT {
    @TempDir
    Path tmp;

    private static void mvn(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("mvn", "-B", "-q", "-Dstyle.color=never"));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("mvn", ".log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + Files.readString(log)).isZero();
    }

    /** "Install the Gantry API" as an outsider would: its parent poms and the API jar this build made; nothing else. */
    private void installApi(Path root) throws Exception {
        mvn(root, "install", "-N", "-DskipTests");
        mvn(root.resolve("core"), "install", "-N", "-DskipTests");
        mvn(tmp, "install:install-file", "-Dfile=" + root.resolve("core/api/target/gantry-api-2.2.0.jar"),
                "-DpomFile=" + root.resolve("core/api/pom.xml"));
    }

    @Test
    void examplePluginBuiltOutsideGantryIsLoadedFromAFolderAndItsModelsRestore() throws Exception {
        Path root = Gantry.ROOT;
        installApi(root);
        mvn(root.resolve("plugins/examples"), "package");
        mvn(root.resolve("plugins/examples-graph"), "package");
        Path jar = root.resolve("plugins/examples/target/gantry-example-plugin-1.0.0.jar");
        Path graphJar = root.resolve("plugins/examples-graph/target/gantry-example-graph-plugin-1.0.0.jar");
        assertThat(jar).exists();
        assertThat(graphJar).exists();

        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        Files.copy(graphJar, plugins.resolve(graphJar.getFileName()));
        Files.write(plugins.resolve("broken.jar"), new byte[] {1, 2, 3, 4, 5});
        brokenManifestJar(plugins.resolve("bad-manifest.jar"));
        withManifest(jar, plugins.resolve("future.jar"), "gantry-examples-future", ">=9.0.0");
        oldApiJar(plugins.resolve("old-api.jar"));

        Gantry.Result list = Gantry.run("plugins", "--details", "--plugins-dir", plugins.toString());
        assertThat(list.exitCode()).as(list.stderr()).isZero();
        assertThat(list.stdout()).contains("gantry-examples", "1.0.0", "snake-mlp", "Snake frequency a",
                "gantry-examples-graph", "residual-mlp", "relativistic-hinge");
        assertThat(list.stdout()).contains("skipped:")
                .contains(plugins.resolve("broken.jar") + ": not a readable jar (zip) file")
                .contains(plugins.resolve("bad-manifest.jar") + ": its META-INF/MANIFEST.MF cannot be parsed "
                        + "(invalid header field (line 3)): every line is 'Key: value'")
                .contains(plugins.resolve("future.jar") + ": plugin gantry-examples-future requires Gantry >=9.0.0, "
                        + "this is plugin API 2.2.0")
                .contains(plugins.resolve("old-api.jar") + ": it was built for Gantry's plugin API 0.x")
                .contains("rebuild it against io.gantry:gantry-api:2.2.0");
        assertThat(list.stdout()).contains("mlp").contains("gantry-dcgan"); // built-ins still load

        Path store = tmp.resolve("mlruns");
        // The critic clips its weights with the plugin's own DL4J constraint class (WGAN's clipping).
        Gantry.Result run = Gantry.run("run", "plugins/examples/example.yaml", "--plugins-dir", plugins.toString(),
                "--max-steps", "3", "--set", "discriminator.clip=0.01", "--tracking-uri", store.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("FINISHED after 3 steps");
        Path generatorZip;
        try (var files = Files.walk(store)) {
            generatorZip = files.filter(f -> f.endsWith(Path.of("models", "generator.zip"))).findFirst().orElseThrow();
        }

        // A jar that lacks a class its component needs: one line naming the key, the plugin and the class.
        Path lacking = Files.createDirectories(tmp.resolve("lacking"));
        withoutEntry(jar, lacking.resolve("lacking.jar"), "io/gantry/examples/SnakeActivation.class");
        Gantry.Result missing = Gantry.run("validate", "plugins/examples/example.yaml", "--plugins-dir",
                lacking.toString());
        assertThat(missing.exitCode()).as(missing.stderr()).isEqualTo(2);
        assertThat(missing.lastErrorLine()).isEqualTo("error: example.yaml:7:13: generator.type: plugin gantry-examples "
                + "(snake-mlp): NoClassDefFoundError: io/gantry/examples/SnakeActivation could not be loaded: a "
                + "plugin's jar lacks a class it needs (bundle that dependency, or use the host's), or was built "
                + "against another version of it");
        assertThat(missing.stderr()).doesNotContain("\tat ");

        // Without the plugin's classes DL4J cannot read the model back...
        assertThatThrownBy(() -> ModelSerializer.restoreMultiLayerNetwork(generatorZip.toFile()))
                .hasStackTraceContaining("io.gantry.examples.SnakeActivation");
        // ...through Gantry's plugin-aware loader it can, with the plugin's activation inside.
        GantryPluginManager manager = new GantryPluginManager(List.of(plugins), "2.0.0");
        manager.loadPlugins();
        manager.startPlugins();
        try {
            MultiLayerNetwork g = ((Network.LayerStack) ModelFiles.restore(generatorZip, manager)).net();
            var activation = ((BaseLayer) g.getLayer(0).conf().getLayer()).getActivationFn();
            assertThat(activation.getClass().getName()).isEqualTo("io.gantry.examples.SnakeActivation");
            assertThat(activation.getClass().getClassLoader()).isNotSameAs(PluginKitIT.class.getClassLoader());
            var out = g.output(Nd4j.randn(4, 64));
            assertThat(out.shape()).containsExactly(4, 784);
            assertThat(out.maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);

            Path criticZip = generatorZip.resolveSibling("discriminator.zip");
            MultiLayerNetwork d = ((Network.LayerStack) ModelFiles.restore(criticZip, manager)).net();
            assertThat(d.getLayer(0).conf().getLayer().getConstraints().get(0).getClass().getName())
                    .isEqualTo("io.gantry.examples.WeightClipping");
            for (var layer : d.getLayers()) {
                var w = layer.getParam("W");
                assertThat(w.amaxNumber().doubleValue()).as("|W| of layer " + layer.getIndex())
                        .isLessThanOrEqualTo(0.01 + 1e-7);
            }
            // Xavier's first-layer weights reach well past 0.01: the clipping did the work.
            assertThat(d.getLayer(0).getParam("W").amaxNumber().doubleValue()).isCloseTo(0.01, within(1e-7));
        } finally {
            manager.unloadPlugins(); // PF4J 3.15's stopPlugins() throws ConcurrentModificationException
        }
    }

    /**
     * A plugin jar as API 0.x builds made them: its class refers to {@code io.gantry.core.api} in its
     * constant pool (the bytes a compiled {@code implements AdversarialLoss} leaves there).
     */
    private static void oldApiJar(Path target) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", "old-losses");
        manifest.getMainAttributes().putValue("Plugin-Version", "0.3.0");
        manifest.getMainAttributes().putValue("Plugin-Requires", ">=0.1.0");
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file,
                manifest)) {
            out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            out.write("com.example.OldLoss\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("com/example/OldLoss.class"));
            out.write(("\u00ca\u00fe\u00ba\u00be com/example/OldLoss io/gantry/core/api/AdversarialLoss")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.closeEntry();
        }
    }

    /**
     * The second example: G and D are ComputationGraphs with residual blocks, the loss reads both
     * batches (relativistic hinge), all from a jar built against the API alone.
     */
    @Test
    void graphExamplePluginTrainsAndItsGeneratorRestoresAsAGraph() throws Exception {
        Path root = Gantry.ROOT;
        installApi(root);
        mvn(root.resolve("plugins/examples-graph"), "package");
        Path plugins = Files.createDirectories(tmp.resolve("graph-plugins"));
        Path jar = root.resolve("plugins/examples-graph/target/gantry-example-graph-plugin-1.0.0.jar");
        Files.copy(jar, plugins.resolve(jar.getFileName()));

        Path store = tmp.resolve("graph-mlruns");
        Gantry.Result run = Gantry.run("run", "plugins/examples-graph/example.yaml", "--plugins-dir", plugins.toString(),
                "--max-steps", "3", "--set", "evaluation.enabled=false", "--set", "checkpoint.dir=" + tmp.resolve("ck"),
                "--tracking-uri", store.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("FINISHED after 3 steps");
        Path generatorZip;
        try (var files = Files.walk(store)) {
            generatorZip = files.filter(f -> f.endsWith(Path.of("models", "generator.zip"))).findFirst().orElseThrow();
        }
        GantryPluginManager manager = new GantryPluginManager(List.of(plugins), "2.0.0");
        manager.loadPlugins();
        manager.startPlugins();
        try {
            Network g = ModelFiles.restore(generatorZip, manager);
            assertThat(g).isInstanceOf(Network.Graph.class);
            var images = ((Network.Graph) g).graph().outputSingle(false, Nd4j.randn(3, 64));
            assertThat(images.shape()).containsExactly(3, 784);
        } finally {
            manager.unloadPlugins();
        }
    }

    /** A copy of {@code source} with another Plugin-Id and Plugin-Requires. */
    /** A copy of {@code source} without one entry. */
    private static void withoutEntry(Path source, Path target, String entry) throws Exception {
        try (JarFile in = new JarFile(source.toFile()); OutputStream file = Files.newOutputStream(target);
             JarOutputStream out = new JarOutputStream(file)) {
            for (JarEntry e : java.util.Collections.list(in.entries())) {
                if (e.getName().equals(entry)) {
                    continue;
                }
                out.putNextEntry(new JarEntry(e.getName()));
                try (InputStream data = in.getInputStream(e)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    /** A readable zip whose manifest has a line without "Key: " (a colon forgotten). */
    private static void brokenManifestJar(Path target) throws Exception {
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(target))) {
            out.putNextEntry(new java.util.zip.ZipEntry("META-INF/MANIFEST.MF"));
            out.write("Manifest-Version: 1.0\nPlugin-Id: bad\nPlugin-Version 1.0.0\n".getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    private static void withManifest(Path source, Path target, String id, String requires) throws Exception {
        try (JarFile in = new JarFile(source.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Plugin-Id", id);
            manifest.getMainAttributes().putValue("Plugin-Requires", requires);
            try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file,
                    manifest)) {
                for (JarEntry e : java.util.Collections.list(in.entries())) {
                    if (e.getName().equals("META-INF/MANIFEST.MF")) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(e.getName()));
                    try (InputStream data = in.getInputStream(e)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
    }
}
