package io.gantry.runner.cli;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import picocli.CommandLine;

/** Picocli creates commands and mixins through the injector, so they get what they need injected. */
final class GuiceFactory implements CommandLine.IFactory {
    private final Injector injector;

    GuiceFactory(Injector injector) {
        this.injector = injector;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            return injector.getInstance(type);
        } catch (ConfigurationException notInjectable) {
            // picocli's own types (collections, converters, interfaces) are not Guice's business
            return CommandLine.defaultFactory().create(type);
        }
    }
}
