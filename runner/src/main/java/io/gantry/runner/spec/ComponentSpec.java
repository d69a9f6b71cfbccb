package io.gantry.runner.spec;

import java.util.Map;

/**
 * One component block of a spec: {@code {type: adam, lr: 0.0002}} at {@code optimizer.generator}.
 *
 * @param key the dotted key of the block, for error messages and flattened parameter names
 * @param type the component's short name
 * @param params everything in the block except {@code type}
 */
public record ComponentSpec(String key, String type, Map<String, Object> params) {
}
