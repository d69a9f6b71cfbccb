package io.gantry.runner;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.gantry.runner.backend.Backend;
import io.gantry.runner.plugin.ComponentRegistry;
import io.gantry.runner.plugin.GantryPluginManager;
import io.gantry.runner.plugin.PluginFolders;
import org.pf4j.PluginManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** All of Gantry's wiring: backend first, then plugins, then the registry the commands use. */
public final class GantryModule extends AbstractModule {
    private static final Logger LOG = LoggerFactory.getLogger(GantryModule.class);
    private final PluginFolders pluginFolders;

    public GantryModule(PluginFolders pluginFolders) {
        this.pluginFolders = pluginFolders;
    }

    @Provides
    @Singleton
    GantryVersion version() {
        return GantryVersion.load();
    }

    @Provides
    @Singleton
    PluginManager pluginManager(GantryVersion version) {
        // ND4J must be initialised by the host before any plugin class touches it.
        Backend.initialise();
        GantryPluginManager manager = new GantryPluginManager(pluginFolders.dirs(), version.apiVersion());
        manager.loadPlugins();
        manager.startPlugins();
        for (String problem : manager.skipped()) {
            LOG.warn("plugin skipped: {}", problem);
        }
        return manager;
    }

    @Provides
    @Singleton
    ComponentRegistry registry(PluginManager manager) {
        return new ComponentRegistry(manager);
    }
}
