package io.gantry.runner.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Tells a plugin built for the first plugin API (0.x: {@code io.gantry.core.api}, in the
 * {@code gantry-core} jar) from one built for API 2, and says what its author has to change. Such a
 * jar would otherwise pass PF4J's version check ({@code >=0.1.0} admits 2.0.0) and fail later with a
 * NoClassDefFoundError naming one class.
 */
final class PluginApiVersion {
    /** How an API 0.x class file names the API: its constant pool holds the internal package names. */
    private static final byte[][] OLD_PACKAGES = {
        "io/gantry/core/api/".getBytes(StandardCharsets.UTF_8),
        "io/gantry/core/param/".getBytes(StandardCharsets.UTF_8),
        "io/gantry/core/nn/".getBytes(StandardCharsets.UTF_8),
    };

    static final String MIGRATION = "it was built for Gantry's plugin API 0.x (gantry-core, package io.gantry.core.api); "
            + "this Gantry has plugin API 2: rebuild it against io.gantry:gantry-api:2.2.0 (provided scope) with "
            + "Plugin-Requires '>=2.0.0 & <3.0.0'. Imports of io.gantry.core.api and io.gantry.core.param become "
            + "io.gantry.api; HostFloats.rowMajor becomes FloatBatch.rowMajor; a GanLoss now sees the real and "
            + "fake logits together (README, Writing a plugin)";

    private PluginApiVersion() {
    }

    /** {@link #MIGRATION} when a class of the jar refers to the old API's packages. */
    static Optional<String> oldApiIn(Path jarPath) {
        if (!jarPath.toString().endsWith(".jar")) {
            return Optional.empty();
        }
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (entry.getName().endsWith(".class") && refersToOldApi(jar, entry)) {
                    return Optional.of(MIGRATION);
                }
            }
        } catch (IOException e) {
            return Optional.empty(); // an unreadable jar is diagnosed where it fails to load
        }
        return Optional.empty();
    }

    private static boolean refersToOldApi(JarFile jar, JarEntry entry) throws IOException {
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = in.readAllBytes();
        }
        for (byte[] pattern : OLD_PACKAGES) {
            if (indexOf(bytes, pattern) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
