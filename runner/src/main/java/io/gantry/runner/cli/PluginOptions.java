package io.gantry.runner.cli;

import io.gantry.runner.plugin.PluginFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** --plugins-dir, shared by every command that loads plugins. */
public final class PluginOptions implements PluginFolders {
    @Option(names = "--plugins-dir", paramLabel = "DIR",
            description = "Extra folder of plugin jars (repeatable); added to the built-in plugins folder.")
    List<Path> extraDirs = new ArrayList<>();

    /** The built-in folder (set by the launcher) followed by any the user added. */
    @Override
    public List<Path> dirs() {
        List<Path> dirs = new ArrayList<>();
        String builtIn = System.getProperty("gantry.plugins.dir");
        if (builtIn != null && Files.isDirectory(Path.of(builtIn))) {
            dirs.add(Path.of(builtIn));
        }
        for (Path p : extraDirs) {
            if (!Files.isDirectory(p)) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--plugins-dir " + p + ": not a folder");
            }
            dirs.add(p);
        }
        return dirs;
    }
}
