package io.gantry.runner.plugin;

import java.nio.file.Path;
import java.util.List;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;

/**
 * PF4J's manager over Gantry's plugin folders, with one change: the plugin class loader always asks
 * the host for the engine's own packages. A plugin jar that bundles a second copy of ND4J or the
 * API would otherwise load classes the host cannot use (linkage errors, two native backends).
 */
public final class GantryPluginManager extends DefaultPluginManager {
    /** Packages that must come from the host, whatever a plugin jar carries. */
    static final List<String> HOST_PACKAGES = List.of("io.gantry.core.", "org.nd4j.", "org.deeplearning4j.",
            "org.bytedeco.", "org.slf4j.", "jakarta.inject.", "javax.inject.", "com.google.inject.", "org.pf4j.");

    public GantryPluginManager(List<Path> pluginsRoots, String systemVersion) {
        super(pluginsRoots);
        setSystemVersion(systemVersion);
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
