package dev.cutover.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real Apache Kafka cluster (KRaft, combined broker+controller) running inside this JVM.
 *
 * <p>Used by {@code rehearse --sandbox} and by tests. It is a real broker on a loopback port,
 * not a mock: partitions, transactions, compaction and consumer groups all behave as in
 * production. Settings are tuned for a 2-core machine and fast tests (no initial rebalance
 * delay, replication factor 1 for internal topics, quick log cleaner).
 */
public final class SandboxCluster implements AutoCloseable {

    private final String name;
    private final KafkaClusterTestKit kit;
    private boolean closed;

    private SandboxCluster(String name, KafkaClusterTestKit kit) {
        this.name = name;
        this.kit = kit;
    }

    /** Starts a single-broker cluster named {@code name} and waits until it serves requests. */
    public static SandboxCluster start(String name) {
        return start(name, 1, Map.of());
    }

    /** Starts a cluster with {@code brokers} combined nodes and extra broker properties. */
    public static SandboxCluster start(String name, int brokers, Map<String, String> brokerProperties) {
        KafkaClusterTestKit kit = null;
        try {
            Path dir = Files.createTempDirectory("cutover-sandbox-" + name + "-");
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(brokers)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(dir)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
            defaults(brokers).forEach(builder::setConfigProp);
            brokerProperties.forEach(builder::setConfigProp);
            kit = builder.build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return new SandboxCluster(name, kit);
        } catch (Exception e) {
            closeAfterFailedStart(kit, e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new SandboxException("could not start the embedded Kafka cluster '" + name + "': " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> defaults(int brokers) {
        short rf = (short) Math.min(brokers, 3);
        Map<String, Object> p = new HashMap<>();
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("offsets.topic.replication.factor", String.valueOf(rf));
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", String.valueOf(rf));
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("auto.create.topics.enable", "false");
        p.put("log.cleaner.backoff.ms", "200");
        p.put("log.retention.check.interval.ms", "1000");
        p.put("num.io.threads", "2");
        p.put("num.network.threads", "2");
        p.put("num.partitions", "1");
        return p;
    }

    private static void closeAfterFailedStart(KafkaClusterTestKit kit, Exception cause) {
        if (kit == null) {
            return;
        }
        try {
            kit.close();
        } catch (Exception closeFailure) {
            cause.addSuppressed(closeFailure);
        }
    }

    public String name() {
        return name;
    }

    /** The bootstrap address clients use, e.g. {@code localhost:40123}. */
    public String bootstrapServers() {
        return kit.bootstrapServers();
    }

    /** Client properties that reach this cluster; extend with serializers as needed. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return p;
    }

    /** A new admin client; the caller closes it. */
    public Admin admin() {
        return Admin.create(clientProperties());
    }

    /** The underlying test kit, for tests that need to reach into the brokers. */
    public KafkaClusterTestKit testKit() {
        return kit;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            kit.close();
        } catch (Exception e) {
            throw new SandboxException("could not stop the embedded Kafka cluster '" + name + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SandboxCluster[" + name + " at " + (closed ? "closed" : Objects.toString(bootstrapServers())) + "]";
    }
}
