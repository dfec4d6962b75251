package dev.cutover.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The bridge's HTTP control, as an {@code http} producer control in a plan reaches it.
 *
 * <ul>
 *   <li>{@code POST /stop} stops the bridge and answers {@code {"replayId":"<base64>","producer":"<name>"}};
 *       asking again answers the same position, so a retried stop is harmless.</li>
 *   <li>{@code POST /start?bootstrap=HOST:PORT&replayId=<base64>} starts it, resuming strictly after the
 *       replay id (empty: from the earliest retained event). Starting again against the same bootstrap
 *       is a no-op; against another while running is refused with 409.</li>
 *   <li>{@code GET /status} answers the producer, whether it runs, where, and its position.</li>
 * </ul>
 * Listens on 127.0.0.1 only, on an ephemeral port; {@link #uri()} says where.
 */
public final class BridgeHttpControl implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BridgeProducer bridge;
    private final HttpServer server;
    private final ExecutorService executor;

    private BridgeHttpControl(BridgeProducer bridge, HttpServer server, ExecutorService executor) {
        this.bridge = bridge;
        this.server = server;
        this.executor = executor;
    }

    /** Binds 127.0.0.1 on an ephemeral port and starts serving. */
    public static BridgeHttpControl start(BridgeProducer bridge) {
        Objects.requireNonNull(bridge, "bridge");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new SandboxException("could not bind the HTTP control of bridge " + bridge.name() + ": "
                    + e.getMessage(), e);
        }
        // One thread: control calls are rare and must not interleave a stop with a start.
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bridge-http-" + bridge.name());
            t.setDaemon(true);
            return t;
        });
        BridgeHttpControl control = new BridgeHttpControl(bridge, server, executor);
        server.createContext("/stop", control::stop);
        server.createContext("/start", control::start);
        server.createContext("/status", control::status);
        server.setExecutor(executor);
        server.start();
        return control;
    }

    /** e.g. {@code http://127.0.0.1:41234} */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void stop(HttpExchange exchange) throws IOException {
        if (!requireMethod(exchange, "POST")) {
            return;
        }
        try {
            ReplayPosition position = bridge.stop();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("replayId", position == null ? null : position.base64());
            body.put("producer", bridge.name());
            respond(exchange, 200, body);
        } catch (RuntimeException e) {
            respond(exchange, 500, error("could not stop bridge " + bridge.name() + ": " + e.getMessage()));
        }
    }

    private void start(HttpExchange exchange) throws IOException {
        if (!requireMethod(exchange, "POST")) {
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI());
        String bootstrap = query.get("bootstrap");
        if (bootstrap == null || bootstrap.isBlank()) {
            respond(exchange, 400, error("missing query parameter 'bootstrap' (host:port of the cluster to write to)"));
            return;
        }
        if (!query.containsKey("replayId")) {
            respond(exchange, 400, error("missing query parameter 'replayId' (base64, as /stop reported it; "
                    + "empty to start from the earliest retained event)"));
            return;
        }
        ReplayPosition from;
        try {
            from = ReplayPosition.fromBase64(query.get("replayId"));
        } catch (IllegalArgumentException e) {
            respond(exchange, 400, error("replayId is not base64: " + e.getMessage()));
            return;
        }
        if (bridge.running()) {
            if (bootstrap.equals(bridge.bootstrap())) {
                respond(exchange, 200, started());
            } else {
                respond(exchange, 409, error("bridge " + bridge.name() + " is running against " + bridge.bootstrap()
                        + "; POST /stop first"));
            }
            return;
        }
        try {
            bridge.start(bootstrap, from);
            respond(exchange, 200, started());
        } catch (ReplayIdCorruptedException e) {
            respond(exchange, 400, error(e.getMessage()));
        } catch (RuntimeException e) {
            respond(exchange, 500, error("could not start bridge " + bridge.name() + ": " + e.getMessage()));
        }
    }

    private void status(HttpExchange exchange) throws IOException {
        if (!requireMethod(exchange, "GET")) {
            return;
        }
        Map<String, Object> body = started();
        body.put("running", bridge.running());
        body.put("eventsWritten", bridge.eventsWritten());
        respond(exchange, 200, body);
    }

    private Map<String, Object> started() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("producer", bridge.name());
        body.put("bootstrap", bridge.bootstrap());
        ReplayPosition position = bridge.position();
        body.put("replayId", position == null ? null : position.base64());
        return body;
    }

    private static Map<String, Object> error(String message) {
        Map<String, Object> body = new HashMap<>();
        body.put("error", message);
        return body;
    }

    private static boolean requireMethod(HttpExchange exchange, String method) throws IOException {
        if (method.equalsIgnoreCase(exchange.getRequestMethod())) {
            return true;
        }
        exchange.getResponseHeaders().add("Allow", method);
        respond(exchange, 405, error(exchange.getRequestMethod() + " not allowed here; use " + method));
        return false;
    }

    /**
     * Parses the query. A base64 replay id sent without URL encoding has its '+' turned into a space
     * by form decoding; base64 never contains spaces, so they are turned back.
     */
    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, key.equals("replayId") ? value.replace(' ', '+') : value);
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops serving; the bridge itself is left as it is (its owner stops it). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
