package io.gantry.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flat key/value YAML of MLflow's meta.yaml files: enough to write them and read a name back,
 * without pulling a YAML library into the tracking module.
 */
final class SimpleYaml {
    private SimpleYaml() {
    }

    static String write(Map<String, Object> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(k).append(": ").append(scalar(v)).append('\n'));
        return sb.toString();
    }

    private static String scalar(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number) {
            return v.toString();
        }
        if (v instanceof List<?> l && l.isEmpty()) {
            return "[]";
        }
        return "'" + v.toString().replace("'", "''") + "'";
    }

    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int colon = line.indexOf(": ");
            if (colon <= 0 || line.startsWith(" ")) {
                continue;
            }
            String value = line.substring(colon + 2).strip();
            if (value.startsWith("'") && value.endsWith("'") && value.length() >= 2) {
                value = value.substring(1, value.length() - 1).replace("''", "'");
            } else if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
                value = value.substring(1, value.length() - 1);
            }
            out.put(line.substring(0, colon), value);
        }
        return out;
    }
}
