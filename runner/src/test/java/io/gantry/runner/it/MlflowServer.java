package io.gantry.runner.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code mlflow server} (from the venv the test command installs) on a free loopback port,
 * SQLite backend, artifacts served; read back through MLflow's REST API.
 */
final class MlflowServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Process process;

    private MlflowServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static MlflowServer start(Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        MlflowServer server = new MlflowServer(dir, port);
        server.launch();
        return server;
    }

    String uri() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts (or restarts) the server on the same port, database and artifact folder. */
    void launch() throws Exception {
        Path python = Path.of(System.getenv().getOrDefault("GANTRY_PYTHON",
                Gantry.ROOT.resolve(".venv/bin/python").toString()));
        Path mlflow = python.resolveSibling("mlflow");
        if (!Files.isExecutable(mlflow)) {
            throw new AssertionError("no mlflow at " + mlflow + ": run the test command from README.md "
                    + "(./scripts/test.sh), which installs it");
        }
        Files.createDirectories(dir);
        process = new ProcessBuilder(mlflow.toString(), "server", "--backend-store-uri",
                "sqlite:///" + dir.resolve("mlflow.db").toAbsolutePath(), "--artifacts-destination",
                dir.resolve("artifacts").toAbsolutePath().toString(), "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--workers", "1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log")
                        .toFile())).start();
        long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(90);
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("mlflow server exited: " + Files.readString(dir.resolve("server.log")));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException ignored) {
                // not up yet
            }
            Thread.sleep(300);
        }
        throw new AssertionError("mlflow server did not answer /health within 90 s");
    }

    /** Stops the server and every process it started (gunicorn/uvicorn workers). */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        process = null;
    }

    JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return json.readTree(r.body());
    }

    byte[] download(String runId, String path) throws Exception {
        JsonNode run = get("/api/2.0/mlflow/runs/get?run_id=" + runId);
        String root = run.get("run").get("info").get("artifact_uri").asText().replace("mlflow-artifacts:/", "");
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(uri()
                + "/api/2.0/mlflow-artifacts/artifacts/" + root + "/" + path.replace("+", "%2B"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return r.body();
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
