package io.gantry.runner.sweep;

import io.gantry.runner.spec.SpecDocument;
import java.util.Map;

/**
 * One point of a sweep: the values it sets (dotted key to value) and the spec document with them
 * applied.
 *
 * @param label the varying values in short form, e.g. {@code noise=normal,generator=adam}; the run name
 */
public record Trial(int index, String label, Map<String, Object> values, SpecDocument document) {
}
