package io.gantry.runner.plugin;

import io.gantry.kernels.Dl4jClasses;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import io.gantry.api.Network;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.common.config.ND4JClassLoading;
import org.pf4j.PluginManager;

/**
 * Reads back a model Gantry saved (models/generator.zip, a checkpoint's G and D), with the plugins'
 * classes visible. Zips written before Plugin API 2 named Gantry's layer twins; they are read as the
 * DL4J classes those stood for.
 */
public final class ModelFiles {
    private static final String CONFIGURATION = "configuration.json";

    private ModelFiles() {
    }

    /** The network in {@code zip}, a layer stack or a graph, with its optimizer state. */
    public static Network restore(Path zip, PluginManager plugins) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previousContext = thread.getContextClassLoader();
        ClassLoader previousNd4j = ND4JClassLoading.getNd4jClassloader();
        ClassLoader loader = new PluginAwareClassLoader(plugins, ModelFiles.class.getClassLoader());
        thread.setContextClassLoader(loader);
        ND4JClassLoading.setNd4jClassloader(loader);
        Path legacy = null;
        try {
            String json = configuration(zip);
            if (Dl4jClasses.isLegacyJson(json)) {
                legacy = withConfiguration(zip, Dl4jClasses.fromLegacyJson(json));
            }
            java.io.File file = (legacy != null ? legacy : zip).toFile();
            // A graph's configuration lists vertices; a layer stack's lists confs.
            return json.contains("\"vertices\"") ? Network.of(ModelSerializer.restoreComputationGraph(file, true))
                    : Network.of(ModelSerializer.restoreMultiLayerNetwork(file, true));
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read the model " + zip + ": " + e, e);
        } finally {
            thread.setContextClassLoader(previousContext);
            ND4JClassLoading.setNd4jClassloader(previousNd4j);
            if (legacy != null) {
                Files.deleteIfExists(legacy);
            }
        }
    }

    /** The zip's configuration.json, or "" when it has none (ModelSerializer then says what is wrong). */
    private static String configuration(Path zip) throws IOException {
        try (ZipFile in = new ZipFile(zip.toFile())) {
            ZipEntry conf = in.getEntry(CONFIGURATION);
            if (conf == null) {
                return "";
            }
            try (InputStream data = in.getInputStream(conf)) {
                return new String(data.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** A temporary copy of {@code zip} with {@code json} as its configuration. */
    private static Path withConfiguration(Path zip, String json) throws IOException {
        Path copy = Files.createTempFile("gantry-model", ".zip");
        try (ZipFile in = new ZipFile(zip.toFile()); OutputStream file = Files.newOutputStream(copy);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry e : Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals(CONFIGURATION)) {
                    out.write(json.getBytes(StandardCharsets.UTF_8));
                } else {
                    try (InputStream data = in.getInputStream(e)) {
                        data.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        }
        return copy;
    }
}
