package io.gantry.tracking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials for an MLflow server, read from the environment variables MLflow's own clients read:
 * MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD. They are never
 * logged, and {@link #toString()} hides them.
 */
public record ServerCredentials(String username, String password, String token) {

    public static ServerCredentials fromEnvironment(Map<String, String> env) {
        return new ServerCredentials(env.get("MLFLOW_TRACKING_USERNAME"), env.get("MLFLOW_TRACKING_PASSWORD"),
                env.get("MLFLOW_TRACKING_TOKEN"));
    }

    /** The value of the Authorization header, if any credentials are set. */
    public Optional<String> authorizationHeader() {
        if (token != null && !token.isEmpty()) {
            return Optional.of("Bearer " + token);
        }
        if (username != null && !username.isEmpty()) {
            String pair = username + ":" + (password == null ? "" : password);
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return authorizationHeader().isPresent() ? "ServerCredentials[set]" : "ServerCredentials[none]";
    }
}
