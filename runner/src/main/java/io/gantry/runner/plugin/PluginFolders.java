package io.gantry.runner.plugin;

import java.nio.file.Path;
import java.util.List;

/**
 * The folders plugin jars are loaded from. Asked only when the plugin manager is first needed, so a
 * command line can fill it in after the commands that use it were created.
 */
@FunctionalInterface
public interface PluginFolders {
    List<Path> dirs();
}
