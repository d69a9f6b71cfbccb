package io.gantry.runner.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** POSTs JSON to an MLflow server's REST API (search endpoints are POST). */
record HttpPost(String baseUri) {
    JsonNode json(String path, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUri + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("POST " + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return new ObjectMapper().readTree(r.body());
    }
}
