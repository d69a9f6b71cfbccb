package io.gantry.runner.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.gantry.runner.GantryModule;

/** Builds the injector for a command from its plugin options: the single place commands get objects. */
final class Commands {
    private Commands() {
    }

    static Injector injector(PluginOptions plugins) {
        return Guice.createInjector(new GantryModule(plugins.dirs()));
    }
}
