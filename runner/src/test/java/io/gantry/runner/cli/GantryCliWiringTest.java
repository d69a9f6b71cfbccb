package io.gantry.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one injector: options picocli parses reach the objects Guice builds for the command. */
class GantryCliWiringTest {
    private String out;
    private String err;

    private int capture(IntSupplier command) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            return command.getAsInt();
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            out = o.toString(StandardCharsets.UTF_8);
            err = e.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void pluginsDirParsedByPicocliIsTheFolderThePluginManagerScans(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("not-a-plugin"));
        int exit = capture(() -> GantryCli.execute("plugins", "--plugins-dir", dir.toString()));
        assertThat(exit).as(err).isZero();
        // only the manager knows about the folder's content: it was built from the parsed option
        assertThat(out).contains("skipped:").contains(dir.resolve("not-a-plugin").toString());
    }

    @Test
    void aPluginsDirThatIsNotAFolderIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("plugins.txt"), "x");
        int exit = capture(() -> GantryCli.execute("plugins", "--plugins-dir", file.toString()));
        assertThat(exit).isEqualTo(GantryCli.USER_ERROR);
        assertThat(err.strip()).isEqualTo("error: --plugins-dir " + file + ": not a folder");
    }
}
