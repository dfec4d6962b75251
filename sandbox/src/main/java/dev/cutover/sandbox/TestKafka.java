package dev.cutover.sandbox;

import java.util.function.BooleanSupplier;

/**
 * Where the test base classes ({@link SandboxTest}, {@link FreshSandboxTest}, {@link OneClusterTest})
 * start their clusters: in this JVM, unless {@code CUTOVER_TEST_KAFKA=testcontainers} asks for Docker
 * containers ({@link ClusterContainer}) and a Docker daemon answers. Without Docker the tests run on
 * in-process clusters as they do by default, and say so once on stderr.
 */
final class TestKafka {

    static final String VARIABLE = "CUTOVER_TEST_KAFKA";
    static final String CONTAINERS_VALUE = "testcontainers";

    enum Kind { IN_PROCESS, CONTAINERS }

    private static Kind chosen;

    private TestKafka() {
    }

    /** A single-broker cluster of the chosen kind. */
    static SandboxCluster start(String name) {
        return kind() == Kind.CONTAINERS ? SandboxCluster.startInContainer(name) : SandboxCluster.start(name);
    }

    /** A source and target pair of the chosen kind. */
    static Sandbox sandbox() {
        return Sandbox.start(TestKafka::start);
    }

    private static synchronized Kind kind() {
        if (chosen == null) {
            String value = System.getenv(VARIABLE);
            chosen = kind(value, TestKafka::dockerAvailable);
            if (chosen == Kind.IN_PROCESS && CONTAINERS_VALUE.equals(value)) {
                System.err.println(VARIABLE + "=" + CONTAINERS_VALUE
                        + " but no Docker daemon answers: the tests run on in-process clusters");
            }
        }
        return chosen;
    }

    /**
     * The kind the variable's value asks for, in-process where it asks for containers and Docker does not
     * answer; {@code docker} is asked only then. An unknown value is refused, so a typo does not quietly
     * run everything in-process.
     */
    static Kind kind(String value, BooleanSupplier docker) { // for testing
        if (value == null || value.isBlank() || value.equals("in-process")) {
            return Kind.IN_PROCESS;
        }
        if (!value.equals(CONTAINERS_VALUE)) {
            throw new SandboxException(VARIABLE + "=" + value + " is not a cluster kind: use " + CONTAINERS_VALUE
                    + " (Docker containers), or in-process or nothing (clusters in the test JVM)");
        }
        return docker.getAsBoolean() ? Kind.CONTAINERS : Kind.IN_PROCESS;
    }

    private static boolean dockerAvailable() {
        try {
            return ClusterContainer.dockerAvailable();
        } catch (NoClassDefFoundError e) {
            throw new SandboxException(VARIABLE + "=" + CONTAINERS_VALUE + " needs org.testcontainers:kafka on the test "
                    + "classpath (a test-scoped dependency of this module); not found: " + e.getMessage(), e);
        }
    }
}
