package dev.cutover.sandbox;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * For test classes that need one Kafka cluster, not a source and target pair ({@link SandboxTest}):
 * one cluster and an {@link Admin} on it per test class, started before the first test and closed
 * after the last, shared by its tests. A subclass's own {@code @BeforeAll} runs after the cluster is
 * up, its {@code @AfterAll} before it closes.
 *
 * <p>The brokers run in this JVM, or in Docker containers with {@code CUTOVER_TEST_KAFKA=testcontainers}
 * (see {@link TestKafka}).
 */
public abstract class OneClusterTest {

    protected static SandboxCluster cluster;
    protected static Admin admin;

    @BeforeAll
    static void startOneCluster() {
        cluster = TestKafka.start("one");
        admin = cluster.admin();
    }

    @AfterAll
    static void closeOneCluster() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}
