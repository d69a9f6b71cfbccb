package io.gantry.runner.plugin;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.common.config.ND4JClassLoading;
import org.pf4j.PluginManager;

/** Reads back a model Gantry saved (models/generator.zip), with the plugins' classes visible. */
public final class ModelFiles {
    private ModelFiles() {
    }

    public static MultiLayerNetwork restore(Path zip, PluginManager plugins) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previousContext = thread.getContextClassLoader();
        ClassLoader previousNd4j = ND4JClassLoading.getNd4jClassloader();
        ClassLoader loader = new PluginAwareClassLoader(plugins, ModelFiles.class.getClassLoader());
        thread.setContextClassLoader(loader);
        ND4JClassLoading.setNd4jClassloader(loader);
        try {
            return ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), true);
        } finally {
            thread.setContextClassLoader(previousContext);
            ND4JClassLoading.setNd4jClassloader(previousNd4j);
        }
    }
}
