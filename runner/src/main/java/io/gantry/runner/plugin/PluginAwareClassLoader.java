package io.gantry.runner.plugin;

import java.util.List;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/**
 * Sees the host's classes and every started plugin's. DL4J restores a model's layers and
 * activations by class name (Jackson), so a model that uses a plugin's custom layer can only be read
 * back through a loader like this one.
 */
public final class PluginAwareClassLoader extends ClassLoader {
    private final List<ClassLoader> plugins;

    public PluginAwareClassLoader(PluginManager manager, ClassLoader host) {
        super(host);
        this.plugins = manager.getStartedPlugins().stream().map(PluginWrapper::getPluginClassLoader).toList();
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (ClassLoader plugin : plugins) {
            try {
                return plugin.loadClass(name);
            } catch (ClassNotFoundException ignored) {
                // try the next plugin
            }
        }
        throw new ClassNotFoundException(name + " (not in Gantry nor in any loaded plugin)");
    }
}
