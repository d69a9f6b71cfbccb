package io.gantry.runner.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * PF4J's manager over Gantry's plugin folders, with one change: the plugin class loader always asks
 * the host for the engine's own packages. A plugin jar that bundles a second copy of ND4J or the
 * API would otherwise load classes the host cannot use (linkage errors, two native backends).
 */
public final class GantryPluginManager extends DefaultPluginManager {
    /** Packages that must come from the host, whatever a plugin jar carries. */
    static final List<String> HOST_PACKAGES = List.of("io.gantry.api.", "io.gantry.engine.", "io.gantry.kernels.",
            "org.nd4j.", "org.deeplearning4j.", "org.bytedeco.", "org.slf4j.", "jakarta.inject.", "javax.inject.", "com.google.inject.", "org.pf4j.");

    private final List<String> skipped = new ArrayList<>();

    public GantryPluginManager(List<Path> pluginsRoots, String systemVersion) {
        super(pluginsRoots);
        setSystemVersion(systemVersion);
    }

    /**
     * Loads every plugin it can; a broken jar or one that needs another Gantry version is recorded
     * in {@link #skipped()} (by jar, with the reason) and the others load as usual.
     */
    @Override
    public void loadPlugins() {
        super.loadPlugins();
        for (PluginWrapper p : getPlugins()) {
            if (p.getPluginState() == PluginState.DISABLED && !isPluginValid(p)) {
                skipped.add(p.getPluginPath() + ": plugin " + p.getPluginId() + " requires Gantry "
                        + p.getDescriptor().getRequires() + ", this is plugin API " + getSystemVersion());
            }
        }
    }

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        java.util.Optional<String> oldApi = PluginApiVersion.oldApiIn(pluginPath);
        if (oldApi.isPresent()) {
            skipped.add(pluginPath + ": " + oldApi.get());
            throw new org.pf4j.PluginRuntimeException("plugin API 0.x jar: {}", pluginPath);
        }
        try {
            return super.loadPluginFromPath(pluginPath);
        } catch (RuntimeException e) {
            skipped.add(pluginPath + ": " + diagnose(pluginPath).orElse(reason(e)));
            throw e;
        }
    }

    /** Jars that were not loaded, each with why. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    /** What is wrong with a jar, in words a plugin author can act on, when the jar itself is the problem. */
    private static java.util.Optional<String> diagnose(Path path) {
        if (!path.toString().endsWith(".jar")) {
            return java.util.Optional.empty();
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(path.toFile())) {
            java.util.jar.Manifest manifest;
            try {
                manifest = jar.getManifest();
            } catch (java.io.IOException e) {
                // the zip is fine (it opened); only its manifest's text is not
                return java.util.Optional.of("its META-INF/MANIFEST.MF cannot be parsed (" + e.getMessage() + "): every "
                        + "line is 'Key: value', a line that starts with one space continues the line before, and the "
                        + "file ends with a newline");
            }
            if (manifest == null || manifest.getMainAttributes().getValue("Plugin-Id") == null) {
                return java.util.Optional.of("not a Gantry plugin: its manifest has no Plugin-Id "
                        + "(see README, Writing a plugin)");
            }
            if (jar.getEntry("META-INF/extensions.idx") == null) {
                return java.util.Optional.of("no META-INF/extensions.idx: run PF4J's annotation processor");
            }
            return java.util.Optional.empty();
        } catch (java.io.IOException e) {
            return java.util.Optional.of("not a readable jar (zip) file: " + e.getMessage());
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e ? msg : msg + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new CompoundPluginLoader()
                .add(new HostFirstJarPluginLoader(this), this::isNotDevelopment)
                .add(new DefaultPluginLoader(this), this::isNotDevelopment);
    }

    private static final class HostFirstJarPluginLoader extends JarPluginLoader {
        HostFirstJarPluginLoader(PluginManager manager) {
            super(manager);
        }

        @Override
        protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
            return new PluginClassLoader(pluginManager, descriptor, getClass().getClassLoader()) {
                @Override
                protected boolean shouldDelegateToParent(String className) {
                    return super.shouldDelegateToParent(className)
                            || HOST_PACKAGES.stream().anyMatch(className::startsWith);
                }
            };
        }
    }
}
