package io.gantry.runner.spec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a spec with SnakeYAML's safe constructor (plain maps, lists and scalars only) and records
 * the line and column of every key.
 */
public final class SpecLoader {

    /** Far above any spec a person writes; below it parsing is instant. */
    static final long MAX_BYTES = 1 << 20;
    /** Values after anchors and aliases are expanded: a few hundred in a real spec, billions in a YAML bomb. */
    static final int MAX_VALUES = 100_000;

    public SpecDocument load(Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new SpecException(file + ": " + size + " bytes; a spec may have at most " + MAX_BYTES
                        + " (data belongs in a dataset, not in the spec)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SpecException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new SpecException(file + ": permission denied (cannot read it)");
        } catch (IOException e) {
            throw new SpecException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file, utf8(file, bytes));
    }

    /** The text, or where it stops being UTF-8 (the JDK's own message is "Input length = 1"). */
    private static String utf8(Path file, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new SpecException(file.getFileName() + ":" + line + ": not UTF-8 text (byte " + offset + " is 0x"
                    + String.format("%02x", bytes[offset] & 0xff) + "); save the spec as UTF-8");
        }
        return out.flip().toString();
    }

    /** Counts values, following aliases, until {@code budget} is spent; what is left of it (negative: too many). */
    private static long countValues(Object node, long budget) {
        return countValues(node, budget, 0);
    }

    private static long countValues(Object node, long budget, int depth) {
        if (depth > 64) {
            return -1; // an anchor that contains its own alias never ends
        }
        budget--;
        if (node instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                if (budget < 0) {
                    break;
                }
                budget = countValues(v, budget, depth + 1);
            }
        } else if (node instanceof List<?> l) {
            for (Object v : l) {
                if (budget < 0) {
                    break;
                }
                budget = countValues(v, budget, depth + 1);
            }
        }
        return budget;
    }

    public SpecDocument parse(Path file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        Node node;
        Object root;
        try {
            node = yaml.compose(new java.io.StringReader(text));
            root = yaml.load(text);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = m == null ? "" : ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
            throw new SpecException(file.getFileName() + where + ": invalid YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new SpecException(file.getFileName() + ": invalid YAML: " + e.getMessage());
        }
        if (node == null) {
            throw new SpecException(file.getFileName() + ": the spec is empty");
        }
        if (!(node instanceof MappingNode)) {
            throw new SpecException(file.getFileName() + ":1:1: the spec must be a mapping of keys "
                    + "(experiment:, generator:, ...)");
        }
        if (countValues(root, MAX_VALUES) < 0) {
            throw new SpecException(file.getFileName() + ": the spec expands to more than " + MAX_VALUES
                    + " values; are YAML anchors (&a) and aliases (*a) nested inside each other?");
        }
        Map<String, String> locations = new LinkedHashMap<>();
        collect(node, "", locations);
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) root;
        return new SpecDocument(file, tree, locations, text);
    }

    /** Parses a --set value the way YAML would read it in the file (numbers, booleans, lists). */
    public static Object parseValue(String text) {
        Object v;
        try {
            v = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            String problem = e.getProblem() == null ? e.getContext() : e.getProblem();
            throw new IllegalArgumentException("'" + text + "' is not a YAML value: " + problem.strip()
                    + (e.getProblemMark() == null ? "" : " at column " + (e.getProblemMark().getColumn() + 1)));
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            // e.g. a global tag (!!java.io.File): never instantiated, and not a value either
            throw new IllegalArgumentException("'" + text + "' is not a YAML value: " + e.getMessage().lines()
                    .findFirst().orElse("").strip());
        }
        return v == null ? "" : v;
    }

    private static void collect(Node node, String prefix, Map<String, String> out) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple t : mapping.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    continue;
                }
                String key = prefix.isEmpty() ? k.getValue() : prefix + "." + k.getValue();
                Mark m = k.getStartMark();
                out.put(key, (m.getLine() + 1) + ":" + (m.getColumn() + 1));
                collect(t.getValueNode(), key, out);
            }
        } else if (node instanceof SequenceNode seq) {
            List<Node> items = new ArrayList<>(seq.getValue());
            for (int i = 0; i < items.size(); i++) {
                collect(items.get(i), prefix + "." + i, out);
            }
        }
    }
}
