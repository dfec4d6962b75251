package dev.cutover.sandbox;

import java.util.HashMap;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A single-broker KRaft cluster in a Docker container (Apache Kafka's own image), for tests that
 * want their broker in another process, as in production. Only {@link TestKafka} reaches this class,
 * so Testcontainers (an optional dependency) need not be on the classpath otherwise.
 */
final class ClusterContainer implements SandboxCluster.ExternalBroker {

    /** The image unless {@code CUTOVER_TEST_KAFKA_IMAGE} names another apache/kafka or apache/kafka-native one. */
    static final String DEFAULT_IMAGE = "apache/kafka:4.1.0";

    private final String name;
    private final KafkaContainer container;

    private ClusterContainer(String name, KafkaContainer container) {
        this.name = name;
        this.container = container;
    }

    /** Whether a Docker daemon answers (Testcontainers' own probe, made once per JVM). */
    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** Starts the container with these broker settings and waits until the broker serves requests. */
    static ClusterContainer start(String name, Map<String, Object> brokerProperties) {
        String image = System.getenv().getOrDefault("CUTOVER_TEST_KAFKA_IMAGE", DEFAULT_IMAGE);
        KafkaContainer container = new KafkaContainer(image).withEnv(environment(brokerProperties));
        try {
            container.start();
            return new ClusterContainer(name, container);
        } catch (RuntimeException e) {
            try {
                container.stop();
            } catch (RuntimeException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw new SandboxException("could not start a Kafka container (" + image + ") for cluster '" + name + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * Broker properties as the apache/kafka image reads them from its environment: {@code KAFKA_} and
     * the name upper-cased, {@code .} as {@code _}, {@code _} as {@code __} and {@code -} as {@code ___}.
     */
    static Map<String, String> environment(Map<String, Object> brokerProperties) {
        Map<String, String> env = new HashMap<>();
        brokerProperties.forEach((k, v) -> env.put("KAFKA_" + k.replace("_", "__").replace("-", "___").replace(".", "_")
                .toUpperCase(java.util.Locale.ROOT), String.valueOf(v)));
        return env;
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        try {
            container.stop();
        } catch (RuntimeException e) {
            throw new SandboxException("could not stop the Kafka container of cluster '" + name + "': " + e.getMessage(), e);
        }
    }
}
