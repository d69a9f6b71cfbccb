package io.gantry.runner.cli;

import com.google.inject.AbstractModule;
import io.gantry.runner.GantryModule;

/**
 * The command line's wiring: one {@link PluginOptions} for every command (picocli fills it while
 * parsing, through {@link GuiceFactory}), and Gantry's module reading the plugin folders from it.
 */
final class CliModule extends AbstractModule {
    @Override
    protected void configure() {
        PluginOptions plugins = new PluginOptions();
        bind(PluginOptions.class).toInstance(plugins);
        install(new GantryModule(plugins));
    }
}
