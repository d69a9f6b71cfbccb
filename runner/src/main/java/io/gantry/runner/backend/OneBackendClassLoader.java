package io.gantry.runner.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader ND4J finds its backends through (ND4JClassLoading), showing it only the chosen one.
 * ND4J tries backends by a priority read from environment variables only, and its CUDA backend prints a
 * stack trace when it cannot load: hiding the other backend's service entry is the one way to choose
 * from inside the process. Everything else is the parent's.
 */
final class OneBackendClassLoader extends ClassLoader {
    static final String SERVICE = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";

    private final String backendClass;

    OneBackendClassLoader(ClassLoader parent, String backendClass) {
        super(parent);
        this.backendClass = backendClass;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = super.getResources(name);
        if (!SERVICE.equals(name)) {
            return all;
        }
        List<URL> kept = new ArrayList<>();
        for (URL url : Collections.list(all)) {
            if (names(url).contains(backendClass)) {
                kept.add(url);
            }
        }
        return Collections.enumeration(kept);
    }

    private static List<String> names(URL serviceFile) {
        try (InputStream in = serviceFile.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(l -> l.replaceAll("#.*", "").strip())
                    .filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
