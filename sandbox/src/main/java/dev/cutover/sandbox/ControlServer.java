package dev.cutover.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP server behind the sandbox's control endpoints (bridge producers, demo consumers): bound
 * to 127.0.0.1 on an ephemeral port, one thread, so a stop and a start never interleave; JSON
 * replies.
 */
final class ControlServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private ControlServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** @param routes path to handler, e.g. {@code /stop} */
    static ControlServer start(String name, Map<String, HttpHandler> routes) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new SandboxException("could not bind the HTTP control of " + name + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "control-http-" + name);
            t.setDaemon(true);
            return t;
        });
        routes.forEach(server::createContext);
        server.setExecutor(executor);
        server.start();
        return new ControlServer(server, executor);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** e.g. {@code http://127.0.0.1:41234} */
    URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Answers 405 unless the request uses {@code method}; true when it does. */
    static boolean requireMethod(HttpExchange exchange, String method) throws IOException {
        if (method.equalsIgnoreCase(exchange.getRequestMethod())) {
            return true;
        }
        exchange.getResponseHeaders().add("Allow", method);
        respond(exchange, 405, Map.of("error", exchange.getRequestMethod() + " not allowed here; use " + method));
        return false;
    }

    static void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(new LinkedHashMap<>(body));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
