package dev.cutover.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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


    private final BridgeProducer bridge;
    private ControlServer server;

    private BridgeHttpControl(BridgeProducer bridge) {
        this.bridge = bridge;
    }

    /** Binds 127.0.0.1 on an ephemeral port and starts serving. */
    public static BridgeHttpControl start(BridgeProducer bridge) {
        Objects.requireNonNull(bridge, "bridge");
        BridgeHttpControl control = new BridgeHttpControl(bridge);
        control.server = ControlServer.start("bridge " + bridge.name(), Map.of(
                "/stop", control::stop, "/start", control::start, "/status", control::status));
        return control;
    }

    /** e.g. {@code http://127.0.0.1:41234} */
    public URI uri() {
        return server.uri();
    }

    public int port() {
        return server.port();
    }

    private void stop(HttpExchange exchange) throws IOException {
        if (!ControlServer.requireMethod(exchange, "POST")) {
            return;
        }
        try {
            ReplayPosition position = bridge.stop();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("replayId", position == null ? null : position.base64());
            body.put("producer", bridge.name());
            ControlServer.respond(exchange, 200, body);
        } catch (RuntimeException e) {
            ControlServer.respond(exchange, 500, error("could not stop bridge " + bridge.name() + ": " + e.getMessage()));
        }
    }

    private void start(HttpExchange exchange) throws IOException {
        if (!ControlServer.requireMethod(exchange, "POST")) {
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI());
        String bootstrap = query.get("bootstrap");
        if (bootstrap == null || bootstrap.isBlank()) {
            ControlServer.respond(exchange, 400, error("missing query parameter 'bootstrap' (host:port of the cluster to write to)"));
            return;
        }
        if (!query.containsKey("replayId")) {
            ControlServer.respond(exchange, 400, error("missing query parameter 'replayId' (base64, as /stop reported it; "
                    + "empty to start from the earliest retained event)"));
            return;
        }
        ReplayPosition from;
        try {
            from = ReplayPosition.fromBase64(query.get("replayId"));
        } catch (IllegalArgumentException e) {
            ControlServer.respond(exchange, 400, error("replayId is not base64: " + e.getMessage()));
            return;
        }
        if (bridge.running()) {
            if (bootstrap.equals(bridge.bootstrap())) {
                ControlServer.respond(exchange, 200, started());
            } else {
                ControlServer.respond(exchange, 409, error("bridge " + bridge.name() + " is running against " + bridge.bootstrap()
                        + "; POST /stop first"));
            }
            return;
        }
        try {
            bridge.start(bootstrap, from);
            ControlServer.respond(exchange, 200, started());
        } catch (ReplayIdCorruptedException e) {
            ControlServer.respond(exchange, 400, error(e.getMessage()));
        } catch (RuntimeException e) {
            ControlServer.respond(exchange, 500, error("could not start bridge " + bridge.name() + ": " + e.getMessage()));
        }
    }

    private void status(HttpExchange exchange) throws IOException {
        if (!ControlServer.requireMethod(exchange, "GET")) {
            return;
        }
        Map<String, Object> body = started();
        body.put("running", bridge.running());
        body.put("eventsWritten", bridge.eventsWritten());
        ControlServer.respond(exchange, 200, body);
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

    /** Stops serving; the bridge itself is left as it is (its owner stops it). */
    @Override
    public void close() {
        server.close();
    }
}
