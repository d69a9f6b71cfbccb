package io.gantry.tracking;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run on an MLflow server; every write is batched within the server's limits. */
final class ServerRun implements TrackingRun {
    private static final Logger LOG = LoggerFactory.getLogger(ServerRun.class);
    static final int MAX_PARAMS_OR_TAGS = 100;
    static final int MAX_METRICS = 1000;
    static final int MAX_PARAM_LENGTH = 6000;
    static final int MAX_TAG_LENGTH = 8000;
    private static final String PROXY_SCHEME = "mlflow-artifacts:";

    private final MlflowClient client;
    private final HttpClient http;
    private final String baseUri;
    private final ServerCredentials credentials;
    private final Service.RunInfo info;

    ServerRun(MlflowClient client, HttpClient http, String baseUri, ServerCredentials credentials,
              Service.RunInfo info) {
        this.client = client;
        this.http = http;
        this.baseUri = baseUri;
        this.credentials = credentials;
        this.info = info;
    }

    @Override
    public String runId() {
        return info.getRunId();
    }

    @Override
    public String location() {
        return baseUri + "/#/experiments/" + info.getExperimentId() + "/runs/" + info.getRunId();
    }

    @Override
    public void logParams(Map<String, String> params) {
        List<Service.Param> all = new ArrayList<>();
        params.forEach((k, v) -> all.add(Service.Param.newBuilder().setKey(k).setValue(truncate(k, v,
                MAX_PARAM_LENGTH, "param")).build()));
        for (List<Service.Param> chunk : chunks(all, MAX_PARAMS_OR_TAGS)) {
            call(() -> client.logBatch(runId(), List.of(), chunk, List.of()));
        }
    }

    @Override
    public void setTags(Map<String, String> tags) {
        List<Service.RunTag> all = new ArrayList<>();
        tags.forEach((k, v) -> all.add(Service.RunTag.newBuilder().setKey(k).setValue(truncate(k, v,
                MAX_TAG_LENGTH, "tag")).build()));
        for (List<Service.RunTag> chunk : chunks(all, MAX_PARAMS_OR_TAGS)) {
            call(() -> client.logBatch(runId(), List.of(), List.of(), chunk));
        }
    }

    @Override
    public void logMetrics(List<Metric> metrics) {
        List<Service.Metric> all = new ArrayList<>();
        for (Metric m : metrics) {
            all.add(Service.Metric.newBuilder().setKey(m.key()).setValue(m.value()).setStep(m.step())
                    .setTimestamp(m.timestamp()).build());
        }
        for (List<Service.Metric> chunk : chunks(all, MAX_METRICS)) {
            call(() -> client.logBatch(runId(), chunk, List.of(), List.of()));
        }
    }

    @Override
    public void logArtifact(String path, byte[] content) {
        String root = info.getArtifactUri();
        if (!root.startsWith(PROXY_SCHEME)) {
            throw new TrackingWriteException("the server stores artifacts at " + root + ", which Gantry cannot "
                    + "write; start the server with artifact proxying (mlflow server --serve-artifacts, the "
                    + "default since MLflow 2)", false, null);
        }
        String rel = root.substring(PROXY_SCHEME.length()).replaceAll("^/+", "");
        URI target = URI.create(baseUri + "/api/2.0/mlflow-artifacts/artifacts/" + rel + "/" + encodePath(path));
        HttpRequest.Builder req = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(2))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        credentials.authorizationHeader().ifPresent(h -> req.header("Authorization", h));
        HttpResponse<String> response;
        try {
            response = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TrackingWriteException("artifact upload to " + baseUri + " failed: " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackingWriteException("interrupted", true, e);
        }
        int code = response.statusCode();
        if (code / 100 != 2) {
            throw new TrackingWriteException("artifact upload of " + path + " answered HTTP " + code + ": "
                    + response.body(), code >= 500 || code == 429, null);
        }
    }


    @Override
    public void end(RunStatus status) {
        call(() -> client.setTerminated(runId(), Service.RunStatus.valueOf(status.name()), System.currentTimeMillis()));
    }

    /** Percent-encodes each path segment, keeping RFC 3986's unreserved characters and '+'. */
    static String encodePath(String path) {
        StringBuilder sb = new StringBuilder();
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~+/".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append(String.format("%%%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    private static String truncate(String key, String value, int max, String what) {
        if (value.length() <= max) {
            return value;
        }
        LOG.warn("{} '{}' is {} characters, MLflow keeps {}: truncated", what, key, value.length(), max);
        return value.substring(0, max);
    }

    private static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }

    /** Runs a client call, sorting failures into retryable (unreachable, 5xx, 429) and not. */
    private static void call(Runnable request) {
        try {
            request.run();
        } catch (MlflowHttpException e) {
            int code = e.getStatusCode();
            throw new TrackingWriteException(describe(e), code >= 500 || code == 429, e);
        } catch (MlflowClientException e) {
            throw new TrackingWriteException(describe(e), true, e);
        }
    }

    static String describe(MlflowClientException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = e.getMessage();
        return root != e ? root.getClass().getSimpleName() + ": " + root.getMessage() : msg;
    }
}
