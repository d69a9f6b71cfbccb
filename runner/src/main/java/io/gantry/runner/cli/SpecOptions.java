package io.gantry.runner.cli;

import io.gantry.runner.spec.SpecDocument;
import io.gantry.runner.spec.SpecException;
import io.gantry.runner.spec.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The spec file and its --set overrides, shared by run, validate and describe. */
public final class SpecOptions {
    @Parameters(index = "0", paramLabel = "SPEC", description = "Experiment spec (YAML).")
    Path spec;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a spec key, e.g. --set optimizer.generator.lr=0.001 (repeatable).")
    List<String> overrides = new ArrayList<>();

    public SpecDocument load() {
        SpecDocument doc = new SpecLoader().load(spec);
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new SpecException("--set " + o + ": expected dotted.key=value");
            }
            Object value;
            try {
                value = SpecLoader.parseValue(o.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new SpecException("--set " + o + ": " + e.getMessage());
            }
            doc = doc.with(o.substring(0, eq).strip(), value);
        }
        return doc;
    }
}
