package io.gantry.runner.plugin;

import io.gantry.api.Component;
import io.gantry.api.InvalidParameterException;
import io.gantry.api.Params;
import io.gantry.runner.spec.ComponentSpec;
import io.gantry.runner.spec.SpecDocument;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/** Every component the loaded plugins offer, by kind and short name. */
public final class ComponentRegistry {

    /** A component and the plugin it came from. */
    public record Entry(Component component, String pluginId, String pluginVersion) {
    }

    /** A component chosen by a spec, with its parameters validated and defaults filled in. */
    public record Resolved<T extends Component>(T component, Params params, ComponentSpec spec, Entry entry) {
    }

    private final Map<ComponentKind, Map<String, Entry>> byKind = new EnumMap<>(ComponentKind.class);
    private final PluginManager plugins;

    public ComponentRegistry(PluginManager plugins) {
        this.plugins = plugins;
        for (ComponentKind kind : ComponentKind.values()) {
            Map<String, Entry> named = new TreeMap<>();
            for (PluginWrapper plugin : plugins.getStartedPlugins()) {
                for (Component c : plugins.getExtensions(kind.type(), plugin.getPluginId())) {
                    Entry previous = named.putIfAbsent(c.name(), new Entry(c, plugin.getPluginId(),
                            plugin.getDescriptor().getVersion()));
                    if (previous != null) {
                        throw new IllegalStateException(kind.label() + " '" + c.name() + "' is offered by both "
                                + previous.pluginId() + " and " + plugin.getPluginId() + "; remove one of the jars");
                    }
                }
            }
            byKind.put(kind, named);
        }
    }

    public PluginManager plugins() {
        return plugins;
    }

    public Map<String, Entry> components(ComponentKind kind) {
        return byKind.get(kind);
    }

    /** Looks up the block's component and binds its parameters; errors point into the spec file. */
    public <T extends Component> Resolved<T> resolve(ComponentKind kind, Class<T> type, ComponentSpec spec,
                                                      SpecDocument doc) {
        Entry entry = byKind.get(kind).get(spec.type());
        if (entry == null) {
            List<String> names = new ArrayList<>(byKind.get(kind).keySet());
            throw doc.error(spec.key() + ".type", "unknown " + kind.label() + " '" + spec.type() + "'; available: "
                    + (names.isEmpty() ? "none (no plugin offers one; check --plugins-dir)" : String.join(", ", names)));
        }
        try {
            Params params = entry.component().parameters().bind(spec.params());
            return new Resolved<>(type.cast(entry.component()), params, spec, entry);
        } catch (InvalidParameterException e) {
            throw doc.error(spec.key() + "." + e.key(), kind.label() + " '" + spec.type() + "': " + e.getMessage());
        }
    }
}
