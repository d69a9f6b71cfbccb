package io.gantry.runner.cli;

import io.gantry.runner.backend.Backend;
import io.gantry.runner.backend.BackendRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "backend", mixinStandardHelpOptions = true,
        description = {"Load ND4J's backend as a run would and say which one trains, on what, and why.",
                "GANTRY_BACKEND=auto (default: the GPU where it works, else the CPU), cpu, or gpu (the GPU or an "
                        + "error naming what is missing)."})
final class BackendCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        String described = Backend.initialise();
        System.out.println("backend: " + described);
        System.out.println("asked:   " + BackendRequest.VARIABLE + "=" + BackendRequest.from(System.getenv()));
        System.out.println("because: " + Backend.reason());
        return 0;
    }
}
