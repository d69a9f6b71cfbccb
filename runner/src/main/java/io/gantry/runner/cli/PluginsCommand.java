package io.gantry.runner.cli;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.gantry.api.ParameterDef;
import io.gantry.runner.plugin.ComponentKind;
import io.gantry.runner.plugin.ComponentRegistry;
import java.util.concurrent.Callable;
import org.pf4j.PluginWrapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List loaded plugins (id, version, jar) and their components by type.")
final class PluginsCommand implements Callable<Integer> {
    @Mixin
    PluginOptions plugins;

    @Inject
    Provider<ComponentRegistry> registries;

    @Option(names = "--details", description = "Also print every component's parameters.")
    boolean details;

    @Override
    public Integer call() {
        ComponentRegistry registry = registries.get();
        System.out.println("plugins (from " + plugins.dirs() + "):");
        for (PluginWrapper p : registry.plugins().getPlugins()) {
            if (p.getPluginState() != org.pf4j.PluginState.DISABLED) {
                System.out.printf("  %-20s %-16s %-8s %s%n", p.getPluginId(), p.getDescriptor().getVersion(),
                        p.getPluginState(), p.getPluginPath());
            }
        }
        if (registry.plugins() instanceof io.gantry.runner.plugin.GantryPluginManager g && !g.skipped().isEmpty()) {
            System.out.println("skipped:");
            g.skipped().forEach(problem -> System.out.println("  " + problem));
        }
        for (ComponentKind kind : ComponentKind.values()) {
            System.out.println(kind.label() + ":");
            registry.components(kind).forEach((name, entry) -> {
                System.out.printf("  %-24s %-20s %s%n", name, entry.pluginId(), entry.component().description());
                if (details) {
                    for (ParameterDef def : entry.component().parameters().definitions()) {
                        System.out.printf("      %-18s %s. %s%n", def.name(), def.constraintText(), def.doc());
                    }
                }
            });
        }
        return 0;
    }
}
