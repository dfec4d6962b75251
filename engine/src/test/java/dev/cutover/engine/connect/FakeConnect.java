package dev.cutover.engine.connect;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in Connect REST API for what a real worker will not do on demand (an old version, a
 * rebalance that lasts): each "METHOD path" answers from a script, the last entry repeating.
 */
public final class FakeConnect implements AutoCloseable {

    public record Reply(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, List<Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
    private final Map<String, List<String>> bodies = new ConcurrentHashMap<>();

    public FakeConnect() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            log.add(key);
            bodies.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int call = calls.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement();
            List<Reply> script = scripts.getOrDefault(key, List.of(new Reply(404,
                    "{\"error_code\":404,\"message\":\"Connector not found\"}")));
            Reply reply = script.get(Math.min(call, script.size() - 1));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    public FakeConnect on(String methodAndPath, Reply... replies) {
        scripts.put(methodAndPath, List.of(replies));
        return this;
    }

    public int calls(String methodAndPath) {
        AtomicInteger n = calls.get(methodAndPath);
        return n == null ? 0 : n.get();
    }

    /** The bodies sent with "METHOD path", in order. */
    public List<String> bodies(String methodAndPath) {
        return List.copyOf(bodies.getOrDefault(methodAndPath, List.of()));
    }

    public List<String> log() {
        return Collections.unmodifiableList(new ArrayList<>(log));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
