package io.gantry.runner.launch;

import io.gantry.runner.sweep.SweepFolder;
import java.util.List;
import java.util.Map;

/** An engine that runs a sweep folder's trials elsewhere: Slurm, Kubernetes. */
public interface Launcher {

    /** What it hands the trials to, e.g. "Slurm". */
    String engine();

    /** Refuses, before a parent run or a folder is made, what would make the submission fail. */
    void check(LauncherSpec spec);

    /** Hands every trial of the folder to the engine and returns at once. */
    Submission submit(LauncherSpec spec, SweepFolder folder, String jobName);

    /** Each trial's state in the engine, by trial index, from the parent's tags; empty when it does not answer. */
    Map<Integer, String> states(Map<String, String> parentTags);

    /** Stops the sweep's trials that run or wait in the engine; returns what it did, in words. */
    String cancel(Map<String, String> parentTags);

    /**
     * What a submission did.
     *
     * @param parentTags tags for the sweep's parent run (the engine's job id)
     * @param lines what to tell the person, one fact a line
     */
    record Submission(Map<String, String> parentTags, List<String> lines) {
    }
}
