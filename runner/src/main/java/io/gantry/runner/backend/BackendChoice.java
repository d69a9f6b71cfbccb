package io.gantry.runner.backend;

import java.util.Optional;

/**
 * The backend ND4J gets, and why. {@code notice} is the one line a user sees when the GPU was wanted
 * or possible but the CPU trains instead; empty when there is nothing to say.
 */
public record BackendChoice(Kind kind, String reason, Optional<String> notice) {

    public enum Kind {
        CPU, GPU
    }

    /**
     * @param gpuInBuild whether this build carries ND4J's CUDA backend ({@code -Pcuda})
     * @param gpuProblem why the GPU cannot run here, in a loader's, CUDA's or ND4J's words; empty when it can
     *     (only asked for when the build has it and the request is not cpu)
     * @throws BackendUnavailableException when the GPU was required and cannot run
     */
    public static BackendChoice decide(BackendRequest request, boolean gpuInBuild, Optional<String> gpuProblem) {
        if (request == BackendRequest.CPU) {
            return new BackendChoice(Kind.CPU, BackendRequest.VARIABLE + "=cpu", Optional.empty());
        }
        if (!gpuInBuild) {
            if (request == BackendRequest.GPU) {
                throw new BackendUnavailableException(BackendRequest.VARIABLE + "=gpu, but this build has no GPU "
                        + "backend: build with -Pcuda (GANTRY_MAVEN_ARGS=-Pcuda ./gantry ...)");
            }
            return new BackendChoice(Kind.CPU, "this build has no GPU backend", Optional.empty());
        }
        if (gpuProblem.isEmpty()) {
            return new BackendChoice(Kind.GPU, request == BackendRequest.GPU ? BackendRequest.VARIABLE + "=gpu"
                    : "a GPU is usable", Optional.empty());
        }
        String why = GpuProblem.explain(gpuProblem.get());
        if (request == BackendRequest.GPU) {
            throw new BackendUnavailableException(BackendRequest.VARIABLE + "=gpu, but the GPU cannot run here: " + why);
        }
        return new BackendChoice(Kind.CPU, "no usable GPU: " + why, Optional.of("no usable GPU, training on the CPU: "
                + why + " (" + BackendRequest.VARIABLE + "=gpu makes this an error, =cpu silences it)"));
    }
}
