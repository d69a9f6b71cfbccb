package io.gantry.runner.schedule;

import io.gantry.runner.experiment.TrialScheduler;
import io.gantry.tracking.Tracker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trial's side of asynchronous successive halving. The only shared state is the tracking store:
 * at a rung the trial tags its own run with its value, reads the values its siblings (the other
 * child runs of the sweep's parent) have tagged at that rung, and applies {@link RungRule}. No process
 * coordinates, so trials on one machine, in Slurm array tasks or on several hosts decide alike.
 */
public final class AshaScheduler implements TrialScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(AshaScheduler.class);
    static final String PREFIX = "gantry.asha.";
    /** Losses every step logs; any other metric comes from a quality evaluation. */
    static final Set<String> LOSS_METRICS = Set.of("d_loss", "g_loss");

    private final AshaSpec spec;
    private final Tracker tracker;
    private final String parentRunId;
    private List<Long> rungs = List.of();

    public AshaScheduler(AshaSpec spec, Tracker tracker, String parentRunId) {
        this.spec = spec;
        this.tracker = tracker;
        this.parentRunId = parentRunId;
    }

    /** The tag a trial's value at rung {@code k} is reported under. */
    static String valueTag(int rung) {
        return PREFIX + "rung." + rung + ".value";
    }

    @Override
    public List<Long> decisionSteps(long totalSteps) {
        rungs = spec.rungs(totalSteps);
        return rungs;
    }

    @Override
    public boolean needsQualityMetrics() {
        return !LOSS_METRICS.contains(spec.metric());
    }

    @Override
    public boolean goOn(String runId, long step, Map<String, Double> latest) {
        int rung = rungs.indexOf(step);
        Double value = latest.get(spec.metric());
        if (value == null) {
            // validation checked the metric is one the run logs: here a quality metric failed at this step
            LOG.warn("asha: no '{}' at step {} (this evaluation gave {}): going on undecided", spec.metric(), step,
                    new TreeSet<>(latest.keySet()));
            tagQuietly(runId, Map.of(PREFIX + "rung." + rung + ".decision", "go on: no " + spec.metric()
                    + " at step " + step + " (rung " + rung + ")"));
            return true;
        }
        List<Double> reported = new ArrayList<>(List.of(value));
        try {
            tracker.setTagsNow(runId, Map.of(valueTag(rung), Double.toString(value)));
            tracker.childRunTags(parentRunId).forEach((id, tags) -> {
                String v = tags.get(valueTag(rung));
                if (!id.equals(runId) && v != null) {
                    try {
                        reported.add(Double.parseDouble(v));
                    } catch (NumberFormatException notOurs) {
                        // a tag someone else wrote by hand: not a value
                    }
                }
            });
        } catch (RuntimeException e) {
            // The store is the only shared state: without it there is nothing to compare with, and a
            // trial is worth more than a decision, so it goes on.
            LOG.warn("asha: cannot reach the tracking store at step {} ({}): going on undecided", step,
                    e.getMessage());
            tagQuietly(runId, Map.of(PREFIX + "error", "rung " + rung + ", step " + step + ": " + e.getMessage()));
            return true;
        }
        RungRule.Decision d = spec.rule().decide(value, reported);
        String why = d.explain(spec.metric()) + " (rung " + rung + ", step " + step + ")";
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(PREFIX + "rung." + rung + ".decision", why);
        tags.put(PREFIX + "last_rung", Integer.toString(rung));
        if (!d.goOn()) {
            tags.put(PREFIX + "stopped", "true");
            tags.put(PREFIX + "stopped_at_rung", Integer.toString(rung));
            tags.put(PREFIX + "stopped_at_step", Long.toString(step));
            tags.put(PREFIX + "value", Double.toString(d.value()));
            tags.put(PREFIX + "cutoff", Double.toString(d.cutoff()));
        }
        tagQuietly(runId, tags);
        LOG.info("asha: {}", why);
        return d.goOn();
    }

    private void tagQuietly(String runId, Map<String, String> tags) {
        try {
            tracker.setTagsNow(runId, tags);
        } catch (RuntimeException e) {
            LOG.warn("asha: could not tag run {} with {}: {}", runId, tags.keySet(), e.getMessage());
        }
    }
}
