package io.gantry.tracking;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.Page;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * Runs on an MLflow tracking server: runs, params, tags and metrics through MLflow's Java client;
 * artifacts through the server's artifact proxy ({@code PUT /api/2.0/mlflow-artifacts/artifacts/...}),
 * because the Java client uploads artifacts by shelling out to Python.
 */
public final class MlflowServerTracker implements Tracker {
    private final String uri;
    private final ServerCredentials credentials;
    private final MlflowClient client;
    private final HttpClient http;

    public MlflowServerTracker(String uri, ServerCredentials credentials) {
        this.uri = uri.replaceAll("/+$", "");
        this.credentials = credentials;
        BasicMlflowHostCreds creds = credentials.token() != null && !credentials.token().isEmpty()
                ? new BasicMlflowHostCreds(this.uri, credentials.token())
                : new BasicMlflowHostCreds(this.uri, credentials.username(), credentials.password());
        this.client = new MlflowClient(creds);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public String describe() {
        return "MLflow server " + uri;
    }

    @Override
    public synchronized TrackingRun startRun(String experimentName, String runName, Map<String, String> tags) {
        String experimentId;
        try {
            experimentId = experimentId(experimentName);
        } catch (org.mlflow.tracking.MlflowHttpException e) {
            throw new TrackingUnavailableException("the MLflow server at " + uri + " refused to open experiment '"
                    + experimentName + "': HTTP " + e.getStatusCode() + " " + e.getBodyMessage(), e);
        } catch (MlflowClientException e) {
            throw new TrackingUnavailableException("cannot reach the MLflow server at " + uri + ": "
                    + ServerRun.describe(e) + " (start it, e.g. 'mlflow server --port 5000', or choose another "
                    + "--tracking-uri)", e);
        }
        Service.CreateRun.Builder create = Service.CreateRun.newBuilder().setExperimentId(experimentId)
                .setRunName(runName).setStartTime(System.currentTimeMillis())
                .setUserId(System.getProperty("user.name", "unknown"));
        Service.RunInfo info = client.createRun(create.build());
        ServerRun run = new ServerRun(client, http, uri, credentials, info);
        run.setTags(tags);
        return run;
    }

    @Override
    public synchronized ReopenedRun reopenRun(String runId) {
        try {
            Service.RunInfo info = client.getRun(runId).getInfo();
            client.sendPost("runs/update", "{\"run_id\": \"" + runId + "\", \"status\": \"RUNNING\"}");
            long last = 0;
            for (Service.Metric m : client.getRun(runId).getData().getMetricsList()) {
                for (Service.Metric h : client.getMetricHistory(runId, m.getKey())) {
                    last = Math.max(last, h.getStep());
                }
            }
            return new ReopenedRun(new ServerRun(client, http, uri, credentials, info), last);
        } catch (MlflowClientException e) {
            throw new TrackingUnavailableException("cannot reopen run " + runId + " on the MLflow server at " + uri
                    + ": " + ServerRun.describe(e), e);
        }
    }

    @Override
    public TrackingRun attachRun(String runId) {
        try {
            return new ServerRun(client, http, uri, credentials, client.getRun(runId).getInfo());
        } catch (MlflowClientException e) {
            throw new TrackingUnavailableException("cannot find run " + runId + " on the MLflow server at " + uri
                    + ": " + ServerRun.describe(e), e);
        }
    }

    @Override
    public RunSummary runSummary(String runId) {
        try {
            return summary(client.getRun(runId));
        } catch (MlflowClientException e) {
            throw new TrackingUnavailableException("cannot find run " + runId + " on the MLflow server at " + uri
                    + ": " + ServerRun.describe(e), e);
        }
    }

    @Override
    public void setTagsNow(String runId, Map<String, String> tags) {
        try {
            List<Service.RunTag> all = new ArrayList<>();
            tags.forEach((k, v) -> all.add(Service.RunTag.newBuilder().setKey(k).setValue(v).build()));
            client.logBatch(runId, List.of(), List.of(), all);
        } catch (MlflowClientException e) {
            throw new TrackingUnavailableException("cannot tag run " + runId + " on the MLflow server at " + uri + ": "
                    + ServerRun.describe(e), e);
        }
    }

    @Override
    public Optional<byte[]> readArtifact(String runId, String path) {
        URI target = URI.create(uri + "/get-artifact?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8)
                + "&run_uuid=" + URLEncoder.encode(runId, StandardCharsets.UTF_8));
        HttpRequest.Builder req = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(2)).GET();
        credentials.authorizationHeader().ifPresent(h -> req.header("Authorization", h));
        HttpResponse<byte[]> response;
        try {
            response = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TrackingUnavailableException("cannot reach the MLflow server at " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackingUnavailableException("interrupted while reading " + path + " of run " + runId, e);
        }
        if (response.statusCode() == 200) {
            return Optional.of(response.body());
        }
        // the server answers a missing artifact with 404, or 500 from its artifact repository
        if (response.statusCode() == 404 || new String(response.body(), StandardCharsets.UTF_8).contains("No such file")) {
            runSummary(runId);
            return Optional.empty();
        }
        throw new TrackingUnavailableException("the MLflow server at " + uri + " answered HTTP " + response.statusCode()
                + " for artifact " + path + " of run " + runId, null);
    }

    @Override
    public boolean hasArtifact(String runId, String path) {
        int slash = path.lastIndexOf('/');
        // the REST call itself: MlflowClient.listArtifacts runs MLflow's Python CLI
        String query = "artifacts/list?run_id=" + URLEncoder.encode(runId, StandardCharsets.UTF_8) + "&path="
                + URLEncoder.encode(slash < 0 ? "" : path.substring(0, slash), StandardCharsets.UTF_8);
        try {
            var listed = parsed(client.sendGet(query), Service.ListArtifacts.Response.newBuilder());
            return listed.getFilesList().stream().anyMatch(f -> f.getPath().equals(path) && !f.getIsDir());
        } catch (org.mlflow_project.google.protobuf.InvalidProtocolBufferException e) {
            throw new TrackingUnavailableException("the MLflow server at " + uri + " answered the artifact list of run "
                    + runId + " with what is not MLflow's JSON: " + e.getMessage(), e);
        } catch (MlflowClientException e) {
            runSummary(runId); // a run that does not exist is the user's error, said as such
            throw new TrackingUnavailableException("cannot list the artifacts of run " + runId + " on the MLflow server at "
                    + uri + ": " + ServerRun.describe(e), e);
        }
    }

    @Override
    public ModelVersion registerModel(String name, String runId, String artifactFolder) {
        try {
            String source = client.getRun(runId).getInfo().getArtifactUri() + "/" + artifactFolder;
            try {
                client.sendPost("registered-models/create", json(Map.of("name", name)));
            } catch (org.mlflow.tracking.MlflowHttpException e) {
                if (!e.getBodyMessage().contains("RESOURCE_ALREADY_EXISTS")) {
                    throw e;
                }
            }
            String answer = client.sendPost("model-versions/create", json(Map.of("name", name, "source", source,
                    "run_id", runId)));
            var v = parsed(answer, org.mlflow.api.proto.ModelRegistry.CreateModelVersion.Response.newBuilder())
                    .getModelVersion();
            return new ModelVersion(v.getName(), v.getVersion(), v.getRunId(), v.getSource());
        } catch (org.mlflow.tracking.MlflowHttpException e) {
            throw new TrackingUnavailableException("the MLflow server at " + uri + " refused to register run " + runId
                    + " as model '" + name + "': " + e.getBodyMessage(), e);
        } catch (MlflowClientException | org.mlflow_project.google.protobuf.InvalidProtocolBufferException e) {
            throw new TrackingUnavailableException("cannot register model '" + name + "' on the MLflow server at " + uri
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ModelVersion modelVersion(String name, String version) {
        try {
            List<org.mlflow.api.proto.ModelRegistry.ModelVersion> all = client.searchModelVersions(
                    "name='" + name.replace("'", "\\'") + "'").getItems();
            if (all.isEmpty()) {
                throw new TrackingUnavailableException("no registered model '" + name + "' on the MLflow server at "
                        + uri + " (register one with: gantry register RUN_ID " + name + ")", null);
            }
            long newest = all.stream().mapToLong(v -> Long.parseLong(v.getVersion())).max().orElse(0);
            String wanted = version.equals("latest") ? Long.toString(newest) : version;
            return all.stream().filter(v -> v.getVersion().equals(wanted)).findFirst()
                    .map(v -> new ModelVersion(v.getName(), v.getVersion(), v.getRunId(), v.getSource()))
                    .orElseThrow(() -> new TrackingUnavailableException("model '" + name + "' has no version " + version
                            + "; it has 1 to " + newest, null));
        } catch (MlflowClientException e) {
            throw new TrackingUnavailableException("cannot read model '" + name + "' on the MLflow server at " + uri
                    + ": " + ServerRun.describe(e), e);
        }
    }

    private static String json(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append('"').append(k).append("\": \"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        return sb.append('}').toString();
    }

    @Override
    public List<RunSummary> childRuns(String parentRunId) {
        try {
            String experimentId = client.getRun(parentRunId).getInfo().getExperimentId();
            return runsMatching(experimentId, "tags.mlflow.parentRunId = '" + parentRunId + "'");
        } catch (MlflowClientException e) {
            throw new TrackingUnavailableException("cannot read the child runs of " + parentRunId
                    + " on the MLflow server at " + uri + ": " + ServerRun.describe(e), e);
        }
    }

    @Override
    public Map<String, Map<String, String>> runningRuns(String experimentName) {
        try {
            Optional<String> experiment = findExperiment(experimentName);
            Map<String, Map<String, String>> out = new TreeMap<>();
            if (experiment.isPresent()) {
                runsMatching(experiment.get(), "attributes.status = 'RUNNING'").forEach(r -> out.put(r.runId(), r.tags()));
            }
            return out;
        } catch (MlflowClientException e) {
            throw new TrackingUnavailableException("cannot list the running runs of '" + experimentName
                    + "' on the MLflow server at " + uri + ": " + ServerRun.describe(e), e);
        }
    }

    /** An experiment's active runs that match {@code filter}, ordered by run id, every page. */
    private List<RunSummary> runsMatching(String experimentId, String filter) {
        Map<String, RunSummary> out = new TreeMap<>();
        Page<Service.Run> page = client.searchRuns(List.of(experimentId), filter, Service.ViewType.ACTIVE_ONLY, 1000);
        while (true) {
            for (Service.Run run : page.getItems()) {
                out.put(run.getInfo().getRunId(), summary(run));
            }
            if (!page.hasNextPage()) {
                return List.copyOf(out.values());
            }
            page = page.getNextPage();
        }
    }

    private static RunSummary summary(Service.Run run) {
        Map<String, String> tags = new TreeMap<>();
        run.getData().getTagsList().forEach(t -> tags.put(t.getKey(), t.getValue()));
        Map<String, Double> metrics = new TreeMap<>();
        long lastStep = 0;
        for (Service.Metric m : run.getData().getMetricsList()) {
            metrics.put(m.getKey(), m.getValue());
            lastStep = Math.max(lastStep, m.getStep());
        }
        Service.RunInfo info = run.getInfo();
        RunStatus status = switch (info.getStatus()) {
            case FINISHED -> RunStatus.FINISHED;
            case FAILED -> RunStatus.FAILED;
            case KILLED -> RunStatus.KILLED;
            default -> RunStatus.RUNNING;
        };
        return new RunSummary(info.getRunId(), info.getRunName(), status, tags, metrics, lastStep);
    }

    @Override
    public void endRunNow(String runId, RunStatus status) {
        try {
            client.setTerminated(runId, Service.RunStatus.valueOf(status.name()), System.currentTimeMillis());
        } catch (MlflowClientException e) {
            throw new TrackingUnavailableException("cannot end run " + runId + " on the MLflow server at " + uri
                    + ": " + ServerRun.describe(e), e);
        }
    }

    private String experimentId(String name) {
        Optional<String> existing = findExperiment(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            String id = client.createExperiment(name);
            client.setExperimentTag(id, FileStoreTracker.EXPERIMENT_KIND_TAG, FileStoreTracker.EXPERIMENT_KIND);
            return id;
        } catch (MlflowClientException e) {
            // Another process (a parallel trial) created it first.
            return findExperiment(name).orElseThrow(() -> e);
        }
    }

    /** By search, not get-by-name: the Java client retries get-by-name's 404 for a missing experiment. */
    private Optional<String> findExperiment(String name) {
        // MLflow's filter strings take either quote; pick the one the name does not contain.
        String filter = name.contains("'") ? "name = \"" + name + "\"" : "name = '" + name + "'";
        return client.searchExperiments(filter).getItems().stream()
                .filter(e -> e.getName().equals(name)).map(Service.Experiment::getExperimentId).findFirst();
    }

    /** An MLflow REST answer read into its protobuf message; fields a newer server adds are skipped. */
    private static <B extends org.mlflow_project.google.protobuf.Message.Builder> B parsed(String json, B builder)
            throws org.mlflow_project.google.protobuf.InvalidProtocolBufferException {
        org.mlflow_project.google.protobuf.util.JsonFormat.parser().ignoringUnknownFields().merge(json, builder);
        return builder;
    }
}
