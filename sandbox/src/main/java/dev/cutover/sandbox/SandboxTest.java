package dev.cutover.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * For test classes on the sandbox: one pair of clusters per test class (started before the first
 * test, closed after the last), shared by its tests, so a 2-core machine starts as few brokers as it
 * can and none outlives its class. A subclass's own {@code @BeforeAll} runs after the clusters are
 * up, its {@code @AfterAll} before they close.
 *
 * <p>The brokers run in this JVM, or in Docker containers with {@code CUTOVER_TEST_KAFKA=testcontainers}
 * (see {@link TestKafka}).
 */
public abstract class SandboxTest {

    protected static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = TestKafka.sandbox();
    }

    @AfterAll
    static void closeSandbox() {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }
}
