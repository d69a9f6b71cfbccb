package io.gantry.runner.experiment;

import java.util.Map;

/**
 * How a run sits in a larger whole: its parent run (a sweep), its name, the seed of the sample-grid
 * noise that all trials share, extra tags, whether it may draw a progress bar, and what may stop it
 * early (null: nothing).
 */
public record TrialContext(String parentRunId, String runName, Long sampleNoiseSeed, Map<String, String> tags,
                           boolean progressBar, TrialScheduler scheduler) {

    public static TrialContext standalone() {
        return new TrialContext(null, null, null, Map.of(), true, null);
    }
}
