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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A demo consumer's HTTP control, as an {@code http} consumer control in a plan reaches it:
 * {@code POST /stop} leaves the group (idempotent); {@code POST /start?bootstrap=HOST:PORT} joins
 * it on that cluster from the group's committed offsets (again against the same cluster: no-op;
 * against another while running: 409). Listens on 127.0.0.1, on an ephemeral port.
 */
public final class ConsumerHttpControl implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DemoConsumer consumer;
    private final HttpServer server;
    private final ExecutorService executor;

    private ConsumerHttpControl(DemoConsumer consumer, HttpServer server, ExecutorService executor) {
        this.consumer = consumer;
        this.server = server;
        this.executor = executor;
    }

    public static ConsumerHttpControl start(DemoConsumer consumer) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new SandboxException("could not bind the HTTP control of consumer " + consumer.groupId() + ": "
                    + e.getMessage(), e);
        }
        // One thread: a stop and a start must not interleave.
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "consumer-http-" + consumer.groupId());
            t.setDaemon(true);
            return t;
        });
        ConsumerHttpControl control = new ConsumerHttpControl(consumer, server, executor);
        server.createContext("/stop", control::stop);
        server.createContext("/start", control::start);
        server.setExecutor(executor);
        server.start();
        return control;
    }

    /** e.g. {@code http://127.0.0.1:41234} */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void stop(HttpExchange exchange) throws IOException {
        if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
            respond(exchange, 405, Map.of("error", "use POST"));
            return;
        }
        try {
            consumer.stop();
            respond(exchange, 200, Map.of("group", consumer.groupId(), "running", false));
        } catch (RuntimeException e) {
            respond(exchange, 500, Map.of("error", "could not stop consumer " + consumer.groupId() + ": " + e.getMessage()));
        }
    }

    private void start(HttpExchange exchange) throws IOException {
        if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
            respond(exchange, 405, Map.of("error", "use POST"));
            return;
        }
        String bootstrap = bootstrap(exchange.getRequestURI());
        if (bootstrap == null || bootstrap.isBlank()) {
            respond(exchange, 400, Map.of("error", "missing query parameter 'bootstrap' (host:port of the cluster to read)"));
            return;
        }
        if (consumer.running()) {
            if (bootstrap.equals(consumer.bootstrap())) {
                respond(exchange, 200, Map.of("group", consumer.groupId(), "bootstrap", bootstrap));
            } else {
                respond(exchange, 409, Map.of("error", "consumer " + consumer.groupId() + " is running against "
                        + consumer.bootstrap() + "; POST /stop first"));
            }
            return;
        }
        try {
            consumer.start(bootstrap);
            respond(exchange, 200, Map.of("group", consumer.groupId(), "bootstrap", bootstrap));
        } catch (RuntimeException e) {
            respond(exchange, 500, Map.of("error", "could not start consumer " + consumer.groupId() + ": " + e.getMessage()));
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

    private static void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(new LinkedHashMap<>(body));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops serving; the consumer itself is left as it is. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
