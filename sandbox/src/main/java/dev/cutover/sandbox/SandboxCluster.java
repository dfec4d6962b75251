package dev.cutover.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real Apache Kafka cluster (KRaft, combined broker+controller) running inside this JVM, or,
 * for the test base classes when asked ({@link TestKafka}), in a Docker container.
 *
 * <p>Used by {@code rehearse --sandbox} and by tests. It is a real broker on a loopback port,
 * not a mock: partitions, transactions, compaction and consumer groups all behave as in
 * production. Settings are tuned for a 2-core machine and fast tests (no initial rebalance
 * delay, replication factor 1 for internal topics, quick log cleaner).
 */
public final class SandboxCluster implements AutoCloseable {

    private static final Duration TOPIC_READY = Duration.ofSeconds(30);

    private final String name;
    private final KafkaClusterTestKit kit;
    /** Set instead of {@code kit} when the broker runs outside this JVM. */
    private final ExternalBroker external;
    private boolean closed;

    private SandboxCluster(String name, KafkaClusterTestKit kit) {
        this.name = name;
        this.kit = kit;
        this.external = null;
    }

    private SandboxCluster(String name, ExternalBroker external) {
        this.name = name;
        this.kit = null;
        this.external = external;
    }

    /**
     * Starts a single-broker cluster in a JVM of its own (see {@link ClusterProcess}), so what talks
     * to it meets a broker as in production: another process, reached only over the network.
     */
    public static SandboxCluster startInChildProcess(String name) {
        return new SandboxCluster(name, ClusterProcess.start(name));
    }

    /** A broker this JVM reaches only over the network (a child process, a container), stopped by {@link #close()}. */
    interface ExternalBroker extends AutoCloseable {

        String bootstrapServers();

        @Override
        void close();
    }

    /**
     * Starts a single-broker cluster in a Docker container ({@link ClusterContainer}), with the same
     * broker settings as an in-process one. Needs Testcontainers on the classpath and a Docker daemon.
     */
    static SandboxCluster startInContainer(String name) {
        return new SandboxCluster(name, ClusterContainer.start(name, defaults(1)));
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

    static Map<String, Object> defaults(int brokers) {
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
        return kit != null ? kit.bootstrapServers() : external.bootstrapServers();
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

    /**
     * Creates the topics and returns once every partition is online at its leader (it answers an
     * offset request), so the first write finds it ready. An idempotent producer whose first batch to
     * a partition met NOT_LEADER_OR_FOLLOWER while a later one succeeded resends the first without end,
     * each try refused as out of sequence, until its delivery timeout (KAFKA-14359); a leader in the
     * metadata alone was not enough to avoid it.
     */
    public void createTopics(List<NewTopic> topics) {
        List<String> names = topics.stream().map(NewTopic::name).toList();
        long deadline = System.nanoTime() + TOPIC_READY.toNanos();
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get(TOPIC_READY.toSeconds(), TimeUnit.SECONDS);
            Optional<Map<String, TopicDescription>> led = ledTopics(admin, names);
            while (led.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new SandboxException("the partitions of " + names + " on " + name + " got no leader within "
                            + TOPIC_READY.toSeconds() + " s");
                }
                Thread.sleep(50); // polling the topics' metadata, with a deadline
                led = ledTopics(admin, names);
            }
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            led.get().values().forEach(d -> d.partitions().forEach(p -> ends.put(new TopicPartition(d.name(), p.partition()),
                    OffsetSpec.latest())));
            // Admin retries the request (NOT_LEADER_OR_FOLLOWER) until each partition answers at its leader.
            admin.listOffsets(ends).all().get(TOPIC_READY.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while creating " + names + " on " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SandboxException("could not create " + names + " on " + name + ": " + e.getMessage(), e);
        }
    }

    /** {@link #createTopics(List)} for one topic with these partitions. */
    public void createTopic(String topic, int partitions) {
        createTopics(List.of(new NewTopic(topic, partitions, (short) 1)));
    }

    /** The topics' descriptions once every partition has a leader in the metadata; empty before. */
    private static Optional<Map<String, TopicDescription>> ledTopics(Admin admin, List<String> topics)
            throws InterruptedException {
        try {
            Map<String, TopicDescription> found = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
            boolean led = found.values().stream().flatMap(d -> d.partitions().stream())
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
            return led ? Optional.of(found) : Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty(); // not (yet) in the metadata: ask again
        }
    }

    /** The underlying test kit, for tests that need to reach into the brokers; in-process clusters only. */
    public KafkaClusterTestKit testKit() {
        if (kit == null) {
            throw new IllegalStateException("cluster '" + name + "' runs outside this JVM; it has no test kit here");
        }
        return kit;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (external != null) {
            external.close();
            return;
        }
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
