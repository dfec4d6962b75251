package dev.cutover.sandbox.connect;

import dev.cutover.sandbox.SandboxCluster;
import dev.cutover.sandbox.SandboxException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.storage.StringConverter;

/**
 * A real Kafka Connect cluster (one distributed-mode worker) in this JVM, attached to an existing
 * {@link SandboxCluster}: its config, offset and status topics live on that cluster, and its REST
 * API listens on a free loopback port.
 *
 * <p>Why not {@code EmbeddedConnectCluster} from the connect-runtime test jar: it always starts a
 * Kafka cluster of its own and cannot attach to one, while a cutover needs one Connect cluster
 * beside each of the two sandbox clusters. So the worker is started the way that class starts
 * each of its workers, through {@link ConnectDistributed#startConnect}.
 *
 * <p>Settings: plugins are found by {@code service_load} (no classpath scan, which takes seconds;
 * the sandbox connector is registered under META-INF/services), offsets are flushed every
 * 500 ms, internal topics have one replica and few partitions. Note that Connect ends the JVM
 * ({@code Exit.exit(3)}) if its REST server fails to start, as it does in production.
 */
public final class SandboxConnect implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Connect<?> connect;
    private final String url;
    private boolean closed;

    private SandboxConnect(String name, Connect<?> connect) {
        this.name = name;
        this.connect = connect;
        String u = connect.rest().serverUrl().toString();
        this.url = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /** Starts a Connect cluster named after {@code kafka} and waits until its REST API serves requests. */
    public static SandboxConnect start(SandboxCluster kafka) {
        return start(kafka.name(), kafka.bootstrapServers(), Map.of());
    }

    /** As {@link #start(SandboxCluster)}, with worker properties that override the defaults. */
    public static SandboxConnect start(String name, String bootstrapServers, Map<String, String> overrides) {
        Map<String, String> props = workerProperties(name, bootstrapServers);
        props.putAll(overrides);
        Connect<?> connect;
        try {
            connect = new ConnectDistributed().startConnect(props);
        } catch (RuntimeException e) {
            throw new SandboxException("could not start the Kafka Connect worker '" + name + "': " + e.getMessage(), e);
        }
        SandboxConnect started = new SandboxConnect(name, connect);
        try {
            started.awaitReady(props);
            return started;
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    static Map<String, String> workerProperties(String name, String bootstrapServers) {
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", "cutover-sandbox-connect-" + name);
        p.put("listeners", "http://127.0.0.1:0");
        p.put("rest.advertised.host.name", "127.0.0.1");
        p.put("plugin.discovery", "service_load");
        p.put("key.converter", StringConverter.class.getName());
        p.put("value.converter", StringConverter.class.getName());
        p.put("config.storage.topic", "connect-configs");
        p.put("offset.storage.topic", "connect-offsets");
        p.put("status.storage.topic", "connect-status");
        p.put("config.storage.replication.factor", "1");
        p.put("offset.storage.replication.factor", "1");
        p.put("status.storage.replication.factor", "1");
        p.put("offset.storage.partitions", "3");
        p.put("status.storage.partitions", "1");
        // Commit source offsets often, so a crash (not a graceful stop, which always flushes) repeats little.
        p.put("offset.flush.interval.ms", "500");
        // One worker: nothing to wait for when it rejoins.
        p.put("scheduled.rebalance.max.delay.ms", "0");
        return p;
    }

    /**
     * Waits until the worker has joined its group; before that the REST API answers 409 or 503. On an
     * https listener the worker's own certificate (its {@code listeners.https.ssl.keystore}) is trusted.
     */
    private void awaitReady(Map<String, String> props) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (url.startsWith("https:")) {
            builder.sslContext(trustingOwnCertificate(props));
        }
        HttpClient http = builder.build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url + "/connectors")).timeout(Duration.ofSeconds(10))
                .GET().build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException("interrupted while waiting for Kafka Connect '" + name + "'", e);
            }
            pause();
        }
        throw new SandboxException("Kafka Connect '" + name + "' at " + url + " was not ready within "
                + READY_TIMEOUT + "; last answer: " + last);
    }

    private static SSLContext trustingOwnCertificate(Map<String, String> props) {
        String location = props.get("listeners.https.ssl.keystore.location");
        if (location == null) {
            throw new SandboxException("an https listener needs listeners.https.ssl.keystore.location in the worker's properties");
        }
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore store = KeyStore.getInstance(props.getOrDefault("listeners.https.ssl.keystore.type", "PKCS12"));
            String password = props.get("listeners.https.ssl.keystore.password");
            store.load(in, password == null ? null : password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store); // the JDK trusts the certificate of each key entry too
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new SandboxException("could not read the worker's keystore " + location + ": " + e.getMessage(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100); // a polling interval, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while waiting for Kafka Connect", e);
        }
    }

    public String name() {
        return name;
    }

    /** The REST API's base URL, e.g. {@code http://127.0.0.1:40123}, without a trailing slash. */
    public String url() {
        return url;
    }

    /** Stops the worker: its connectors stop gracefully (committing their offsets), then the REST server. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        connect.stop();
        connect.awaitStop();
    }

    @Override
    public String toString() {
        return "SandboxConnect[" + name + " at " + (closed ? "closed" : url) + "]";
    }
}
