package dev.cutover.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * For test classes whose cases must not share clusters: a fresh pair for every test, closed after
 * it. Slower than {@link SandboxTest}; used where one case leaves the clusters in a state the next
 * must not see (after a rollback in a shared sandbox, the next case's bridge producer was seen to
 * stall in endless {@code OutOfOrderSequenceException} retries on the source).
 *
 * <p>The brokers run in this JVM, or in Docker containers with {@code CUTOVER_TEST_KAFKA=testcontainers}
 * (see {@link TestKafka}).
 */
public abstract class FreshSandboxTest {

    protected Sandbox sandbox;

    @BeforeEach
    void startSandbox() {
        sandbox = TestKafka.sandbox();
    }

    @AfterEach
    void closeSandbox() {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }
}
