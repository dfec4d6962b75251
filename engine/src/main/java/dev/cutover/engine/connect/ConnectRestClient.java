package dev.cutover.engine.connect;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.engine.controls.ControlException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;

/**
 * The Kafka Connect REST calls a connector move needs, one method per call, against one Connect
 * cluster. Errors become {@link ControlException}s that name the plan field, the URL, the call and
 * what Connect answered.
 *
 * <p>A 409 means the cluster is rebalancing or its config is momentarily stale (Connect's words:
 * "Cannot complete request momentarily due to stale configuration", "…because of a conflicting
 * operation"): the call is retried with backoff until {@code conflictDeadline}, then fails saying
 * so. The one 409 that is not transient, "connector … already exists", is returned to the caller.
 * A 500 "IO Error trying to forward REST request" is transient the same way: the worker asked
 * forwards writes to the leader, and a leader that just left (a worker stopped or died) stays the
 * leader in the others' view until the group rebalances. Every call here is idempotent (a PUT of the
 * same config, stop, resume, the same offsets), so sending it again is safe.
 */
public final class ConnectRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final String field;
    private final String baseUrl;
    private final HttpClient http;
    private final Duration conflictDeadline;
    private final Map<String, String> headers;

    /**
     * @param field   the plan field this URL came from, for messages, e.g.
     *                {@code producers.account-cdc.control.source-url}
     * @param baseUrl e.g. {@code http://connect:8083}
     */
    public ConnectRestClient(String field, String baseUrl, HttpClient http, Duration conflictDeadline) {
        this(field, baseUrl, http, conflictDeadline, Map.of());
    }

    /**
     * As above, with headers sent on every request (e.g. {@code Authorization}), resolved values: they
     * are never part of a message.
     */
    public ConnectRestClient(String field, String baseUrl, HttpClient http, Duration conflictDeadline,
                             Map<String, String> headers) {
        this.field = field;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = http;
        this.conflictDeadline = conflictDeadline;
        this.headers = Map.copyOf(headers);
    }

    public String url() {
        return baseUrl;
    }

    /** {@code GET /}: the worker's version. */
    public ServerInfo serverInfo() throws ControlException {
        JsonNode body = tree(expectOk(send("GET", "/", null), null));
        return new ServerInfo(text(body, "version"), text(body, "commit"), text(body, "kafka_cluster_id"));
    }

    /** {@code GET /connectors/{name}/status}; empty when the connector does not exist there. */
    public Optional<ConnectorStatus> status(String connector) throws ControlException {
        Answer answer = send("GET", connectorPath(connector, "/status"), null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        JsonNode body = tree(expectOk(answer, connector));
        List<ConnectorStatus.TaskStatus> tasks = new ArrayList<>();
        for (JsonNode task : body.path("tasks")) {
            tasks.add(new ConnectorStatus.TaskStatus(task.path("id").asInt(), text(task, "state"), text(task, "worker_id"),
                    text(task, "trace")));
        }
        return Optional.of(new ConnectorStatus(connector, text(body.path("connector"), "state"), tasks));
    }

    /** {@code GET /connectors/{name}}: whether a connector of that name exists (its status may lag behind). */
    public boolean exists(String connector) throws ControlException {
        Answer answer = send("GET", connectorPath(connector, ""), null);
        if (answer.status() == 404) {
            return false;
        }
        expectOk(answer, connector);
        return true;
    }

    /** {@code GET /connectors/{name}/config}. */
    public Map<String, String> config(String connector) throws ControlException {
        String body = expectOk(send("GET", connectorPath(connector, "/config"), null), connector);
        try {
            return JSON.readValue(body, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (IOException e) {
            throw new ControlException(where("GET", connectorPath(connector, "/config"))
                    + " answered a config that is not a JSON object of strings: " + abbreviate(body), e);
        }
    }

    /**
     * {@code POST /connectors} with {@code "initial_state": "STOPPED"} (KIP-980, Connect 3.7+), so
     * the connector exists with no task running until its offsets are written.
     *
     * @return false when a connector of that name already exists (nothing changed)
     */
    public boolean createStopped(String connector, Map<String, String> config) throws ControlException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", connector);
        request.put("config", config);
        request.put("initial_state", "STOPPED");
        Answer answer = send("POST", "/connectors", json(request));
        if (answer.status() == 409) {
            return false;
        }
        expectOk(answer, connector);
        return true;
    }

    /** {@code PUT /connectors/{name}/stop}: tasks shut down (committing their offsets), config kept. */
    public void stop(String connector) throws ControlException {
        expectOk(send("PUT", connectorPath(connector, "/stop"), null), connector);
    }

    /** {@code PUT /connectors/{name}/resume}: a stopped or paused connector starts its tasks. */
    public void resume(String connector) throws ControlException {
        expectOk(send("PUT", connectorPath(connector, "/resume"), null), connector);
    }

    /** {@code GET /connectors/{name}/offsets} (Connect 3.5+), the body verbatim. */
    public String offsets(String connector) throws ControlException {
        return expectOk(send("GET", connectorPath(connector, "/offsets"), null), connector);
    }

    /** {@code PATCH /connectors/{name}/offsets} (Connect 3.6+) with {@code {"offsets": [...]}}; needs STOPPED. */
    public void alterOffsets(String connector, String body) throws ControlException {
        expectOk(send("PATCH", connectorPath(connector, "/offsets"), body), connector);
    }

    /** {@code DELETE /connectors/{name}/offsets} (Connect 3.6+): forget every offset; needs STOPPED. */
    public void resetOffsets(String connector) throws ControlException {
        expectOk(send("DELETE", connectorPath(connector, "/offsets"), null), connector);
    }

    /**
     * {@code PUT /connectors/{name}/config}: creates the connector or replaces its config, so a rerun
     * converges on the same connector.
     *
     * @return true when it created it
     */
    public boolean putConfig(String connector, Map<String, String> config) throws ControlException {
        Answer answer = send("PUT", connectorPath(connector, "/config"), json(config));
        expectOk(answer, null);
        return answer.status() == 201;
    }

    /** {@code DELETE /connectors/{name}}; false when there was none. */
    public boolean delete(String connector) throws ControlException {
        Answer answer = send("DELETE", connectorPath(connector, ""), null);
        if (answer.status() == 404) {
            return false;
        }
        expectOk(answer, connector);
        return true;
    }

    /** {@code GET /connector-plugins?connectorsOnly=true}: the connector classes the workers can run. */
    public List<String> connectorPlugins() throws ControlException {
        JsonNode body = tree(expectOk(send("GET", "/connector-plugins?connectorsOnly=true", null), null));
        List<String> classes = new ArrayList<>();
        body.forEach(plugin -> classes.add(text(plugin, "class")));
        return classes;
    }

    /**
     * {@code PUT /connector-plugins/{class}/config/validate}: what the workers say of a config without
     * creating anything, as field -> its errors, only the fields with errors.
     */
    public Map<String, List<String>> validate(String connectorClass, Map<String, String> config) throws ControlException {
        String plugin = URLEncoder.encode(connectorClass, StandardCharsets.UTF_8);
        JsonNode body = tree(expectOk(send("PUT", "/connector-plugins/" + plugin + "/config/validate", json(config)), null));
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode field : body.path("configs")) {
            JsonNode value = field.path("value");
            List<String> messages = new ArrayList<>();
            value.path("errors").forEach(e -> messages.add(e.asText()));
            if (!messages.isEmpty()) {
                errors.put(text(value, "name"), messages);
            }
        }
        return errors;
    }

    private String expectOk(Answer answer, String connector) throws ControlException {
        int status = answer.status();
        if (status / 100 == 2) {
            return answer.body();
        }
        String what = where(answer.method(), answer.path()) + " answered " + status + ": " + message(answer.body());
        if (status == 404 && connector != null) {
            throw new ControlException(field + ": connector '" + connector + "' does not exist on " + baseUrl
                    + " (" + what + "); check the connector name and the URL");
        }
        if (status == 400 && answer.method().equals("PATCH")) {
            throw new ControlException(what + "; the connector must be STOPPED, with no task left, before its "
                    + "offsets can be written");
        }
        throw new ControlException(what);
    }

    /** Sends one request; retries a rebalance, a stale config or an unreachable leader until the deadline. */
    private Answer send(String method, String path, String body) throws ControlException {
        long deadline = System.nanoTime() + conflictDeadline.toNanos();
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            Answer answer = sendOnce(method, path, body);
            if (!inFlux(answer)) {
                return answer;
            }
            if (System.nanoTime() + backoff.toNanos() > deadline) {
                throw new ControlException(where(method, path) + " still answered " + answer.status() + " after "
                        + conflictDeadline + " (a rebalance in progress, a stale config, or a leader that cannot be "
                        + "reached): " + message(answer.body()) + "; check the Connect workers' health and retry");
            }
            pause(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private static boolean inFlux(Answer answer) {
        return answer.status() == 409 && !answer.body().contains("already exists")
                || answer.status() == 500 && answer.body().contains("trying to forward REST request");
    }

    private Answer sendOnce(String method, String path, String body) throws ControlException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json");
        headers.forEach(builder::header);
        HttpRequest request = builder
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(method, path, response.statusCode(), response.body() == null ? "" : response.body());
        } catch (IOException e) {
            SSLHandshakeException tls = handshakeFailure(e);
            if (tls == null) {
                throw new ControlException(where(method, path) + " failed: " + e + "; is Kafka Connect running there?", e);
            }
            throw new ConnectTlsRefused(where(method, path) + " failed the TLS handshake: " + tls.getMessage(),
                    (field.equals("mirror.connect.url")
                            ? "name a truststore that holds the workers' certificate in mirror.connect.tls (ssl.truststore.location)"
                            : "add the workers' certificate to the JVM's default truststore (-Djavax.net.ssl.trustStore)")
                            + ", and use the host name the certificate is issued for", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException(where(method, path) + " was interrupted", e);
        }
    }

    /** The handshake failure behind an I/O error (the HTTP client may wrap it), or null. */
    private static SSLHandshakeException handshakeFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException handshake) {
                return handshake;
            }
        }
        return null;
    }

    private String where(String method, String path) {
        return field + ": " + method + " " + baseUrl + path;
    }

    private static String connectorPath(String connector, String suffix) {
        return "/connectors/" + URLEncoder.encode(connector, StandardCharsets.UTF_8).replace("+", "%20") + suffix;
    }

    private static void pause(Duration backoff) throws ControlException {
        try {
            Thread.sleep(backoff.toMillis()); // backoff between retries while the cluster settles
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException("interrupted while retrying a Kafka Connect request", e);
        }
    }

    /** Connect's error bodies are {"error_code": 404, "message": "..."}; show the message alone. */
    private static String message(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (IOException e) {
            // not JSON: show it as it is
        }
        return abbreviate(body);
    }

    private JsonNode tree(String body) throws ControlException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new ControlException(field + ": " + baseUrl + " answered something that is not JSON: "
                    + abbreviate(body), e);
        }
    }

    private static String json(Object value) throws ControlException {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new ControlException("could not write a Kafka Connect request: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String abbreviate(String s) {
        return s == null || s.isEmpty() ? "(empty)" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    /** One HTTP answer, with the request it answers. */
    private record Answer(String method, String path, int status, String body) {
    }
}
