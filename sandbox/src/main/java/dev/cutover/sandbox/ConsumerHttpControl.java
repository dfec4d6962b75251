package dev.cutover.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A demo consumer's HTTP control, as an {@code http} consumer control in a plan reaches it:
 * {@code POST /stop} leaves the group (idempotent); {@code POST /start?bootstrap=HOST:PORT} joins
 * it on that cluster from the group's committed offsets (again against the same cluster: no-op;
 * against another while running: 409). Listens on 127.0.0.1, on an ephemeral port.
 */
public final class ConsumerHttpControl implements AutoCloseable {

    private final DemoConsumer consumer;
    private ControlServer server;

    private ConsumerHttpControl(DemoConsumer consumer) {
        this.consumer = consumer;
    }

    public static ConsumerHttpControl start(DemoConsumer consumer) {
        ConsumerHttpControl control = new ConsumerHttpControl(consumer);
        control.server = ControlServer.start("consumer " + consumer.groupId(),
                Map.of("/stop", control::stop, "/start", control::start));
        return control;
    }

    /** e.g. {@code http://127.0.0.1:41234} */
    public URI uri() {
        return server.uri();
    }

    private void stop(HttpExchange exchange) throws IOException {
        if (!ControlServer.requireMethod(exchange, "POST")) {
            return;
        }
        try {
            consumer.stop();
            ControlServer.respond(exchange, 200, Map.of("group", consumer.groupId(), "running", false));
        } catch (RuntimeException e) {
            ControlServer.respond(exchange, 500, Map.of("error", "could not stop consumer " + consumer.groupId() + ": " + e.getMessage()));
        }
    }

    private void start(HttpExchange exchange) throws IOException {
        if (!ControlServer.requireMethod(exchange, "POST")) {
            return;
        }
        String bootstrap = bootstrap(exchange.getRequestURI());
        if (bootstrap == null || bootstrap.isBlank()) {
            ControlServer.respond(exchange, 400, Map.of("error", "missing query parameter 'bootstrap' (host:port of the cluster to read)"));
            return;
        }
        if (consumer.running()) {
            if (bootstrap.equals(consumer.bootstrap())) {
                ControlServer.respond(exchange, 200, Map.of("group", consumer.groupId(), "bootstrap", bootstrap));
            } else {
                ControlServer.respond(exchange, 409, Map.of("error", "consumer " + consumer.groupId() + " is running against "
                        + consumer.bootstrap() + "; POST /stop first"));
            }
            return;
        }
        try {
            consumer.start(bootstrap);
            ControlServer.respond(exchange, 200, Map.of("group", consumer.groupId(), "bootstrap", bootstrap));
        } catch (RuntimeException e) {
            ControlServer.respond(exchange, 500, Map.of("error", "could not start consumer " + consumer.groupId() + ": " + e.getMessage()));
        }
    }

    private static String bootstrap(URI uri) {
        String raw = uri.getRawQuery();
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && "bootstrap".equals(pair.substring(0, eq))) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Stops serving; the consumer itself is left as it is. */
    @Override
    public void close() {
        server.close();
    }
}
