package io.gantry.runner.spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed spec: the plain value tree (maps, lists, scalars) plus where each dotted key came from,
 * so every later error can name the file, line and column.
 *
 * @param locations dotted key to "line:column" (1-based), or to where an override came from ("--set", "sweep")
 */
public record SpecDocument(Path file, Map<String, Object> root, Map<String, String> locations, String text) {

    /** "file:line:col: key: message" for a key, falling back to the nearest parent key that has a place. */
    public SpecException error(String dottedKey, String message) {
        String key = dottedKey;
        String where = null;
        while (key != null && (where = locations.get(key)) == null) {
            int dot = key.lastIndexOf('.');
            key = dot < 0 ? null : key.substring(0, dot);
        }
        String place = file.getFileName() + (where == null ? "" : Character.isDigit(where.charAt(0)) ? ":" + where
                : " (" + where + ")");
        return new SpecException(place + ": " + dottedKey + ": " + message);
    }

    /** The sub-map at {@code dottedKey}, empty when absent; an error when it is not a mapping. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> mapping(String dottedKey) {
        Object value = get(dottedKey);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw error(dottedKey, "expected a mapping (key: value lines), got " + describe(value));
        }
        return (Map<String, Object>) value;
    }

    public Object get(String dottedKey) {
        Object node = root;
        for (String part : dottedKey.split("\\.")) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(part);
        }
        return node;
    }

    /** A copy with {@code dottedKey} set to {@code value} by a command-line --set. */
    public SpecDocument with(String dottedKey, Object value) {
        return with(dottedKey, value, "--set");
    }

    /** A copy without a top-level key (the sweep block, once expanded). */
    public SpecDocument without(String topLevelKey) {
        Map<String, Object> copy = deepCopy(root);
        copy.remove(topLevelKey);
        return new SpecDocument(file, copy, locations, text);
    }

    /**
     * A copy with {@code dottedKey} set to {@code value}, creating parent mappings as needed.
     *
     * @param origin where the value came from, for error messages ("--set", "sweep")
     */
    @SuppressWarnings("unchecked")
    public SpecDocument with(String dottedKey, Object value, String origin) {
        Map<String, Object> copy = deepCopy(root);
        String[] parts = dottedKey.split("\\.");
        Map<String, Object> node = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = node.get(parts[i]);
            if (child == null) {
                child = new LinkedHashMap<String, Object>();
                node.put(parts[i], child);
            } else if (!(child instanceof Map)) {
                throw new SpecException(origin + " " + dottedKey + ": '" + String.join(".", List.of(parts).subList(0, i + 1))
                        + "' is a " + describe(child) + ", not a mapping");
            }
            node = (Map<String, Object>) child;
        }
        node.put(parts[parts.length - 1], value);
        Map<String, String> locs = new LinkedHashMap<>(locations);
        // The new value's keys now come from the override, not from the file.
        locs.keySet().removeIf(k -> k.startsWith(dottedKey + "."));
        locs.put(dottedKey, origin);
        return new SpecDocument(file, copy, locs, text);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, v instanceof Map ? deepCopy((Map<String, Object>) v) : v));
        return out;
    }

    static String describe(Object value) {
        if (value instanceof Map) {
            return "mapping";
        }
        if (value instanceof List) {
            return "list";
        }
        return value instanceof String ? "string '" + value + "'" : value.getClass().getSimpleName().toLowerCase()
                + " '" + value + "'";
    }
}
