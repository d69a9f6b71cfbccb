package io.gantry.runner.cli;

import java.util.List;

/** Test access to the command's package-private parsing. */
public final class RunCommandAccess {
    private RunCommandAccess() {
    }

    public static List<Object> axisValues(String text) {
        return RunCommand.axisValues(text);
    }
}
