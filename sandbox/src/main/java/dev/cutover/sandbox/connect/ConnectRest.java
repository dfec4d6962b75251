package dev.cutover.sandbox.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The few Connect REST calls the sandbox and the tests make to set up a scene (create, delete, look
 * at a connector); the engine has its own client for the cutover itself.
 */
public final class ConnectRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    public ConnectRest(String url) {
        this.url = url;
    }

    public void create(String name, Map<String, String> config) {
        String body = json(Map.of("name", name, "config", config));
        expect(send("POST", "/connectors", body));
    }

    /** Creates a connector in {@code initialState} (RUNNING, PAUSED or STOPPED; Connect 3.7+). */
    public void create(String name, Map<String, String> config, String initialState) {
        String body = json(Map.of("name", name, "config", config, "initial_state", initialState));
        expect(send("POST", "/connectors", body));
    }

    public void delete(String name) {
        expect(send("DELETE", "/connectors/" + name, null));
    }

    /** Whether a connector of that name exists. */
    public boolean exists(String name) {
        return send("GET", "/connectors/" + name + "/status", null).statusCode() != 404;
    }

    public String state(String name) {
        return status(name).path("connector").path("state").asText();
    }

    public void stop(String name) {
        expect(send("PUT", "/connectors/" + name + "/stop", null));
    }

    public void resume(String name) {
        expect(send("PUT", "/connectors/" + name + "/resume", null));
    }

    public JsonNode status(String name) {
        return tree(expect(send("GET", "/connectors/" + name + "/status", null)));
    }

    public JsonNode offsets(String name) {
        return tree(expect(send("GET", "/connectors/" + name + "/offsets", null)));
    }

    public boolean isStopped(String name) {
        JsonNode status = status(name);
        boolean taskRunning = false;
        for (JsonNode task : status.path("tasks")) {
            taskRunning |= "RUNNING".equals(task.path("state").asText());
        }
        return "STOPPED".equals(status.path("connector").path("state").asText()) && !taskRunning;
    }

    public boolean isRunning(String name) {
        JsonNode status = status(name);
        JsonNode tasks = status.path("tasks");
        boolean allRunning = tasks.size() > 0;
        for (JsonNode task : tasks) {
            allRunning &= "RUNNING".equals(task.path("state").asText());
        }
        return "RUNNING".equals(status.path("connector").path("state").asText()) && allRunning;
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String expect(HttpResponse<String> answer) {
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(answer.request().method() + " " + answer.request().uri() + " answered "
                    + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
