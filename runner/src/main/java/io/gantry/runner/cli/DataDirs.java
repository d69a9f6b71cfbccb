package io.gantry.runner.cli;

import java.nio.file.Path;

/** Where datasets live: --data-dir, else $GANTRY_DATA_DIR, else data/ in the Gantry checkout. */
final class DataDirs {
    private DataDirs() {
    }

    static Path resolve(Path option) {
        if (option != null) {
            return option;
        }
        String env = System.getenv("GANTRY_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String home = System.getProperty("gantry.home");
        return home != null ? Path.of(home, "data") : Path.of("data");
    }
}
