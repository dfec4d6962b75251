package dev.cutover.sandbox;

import java.io.IOException;
import java.util.List;

/**
 * A sandbox cluster whose broker runs in a JVM of its own ({@link ChildJvm}): this process starts it
 * and reads its bootstrap address from the child's announcement; closing it stops the broker.
 */
final class ClusterProcess implements SandboxCluster.ExternalBroker {

    static final String READY = "cutover-sandbox-cluster bootstrap=";

    private final ChildJvm child;

    private ClusterProcess(ChildJvm child) {
        this.child = child;
    }

    static ClusterProcess start(String name) {
        return new ClusterProcess(ChildJvm.start("the Kafka process for cluster '" + name + "'",
                List.of("-Xmx768m", "-XX:+UseParallelGC"), Main.class, List.of(name), READY, ProcessBuilder.Redirect.DISCARD));
    }

    @Override
    public String bootstrapServers() {
        return child.announced();
    }

    @Override
    public void close() {
        child.close();
    }

    /** The child: one in-process sandbox cluster until stdin closes. */
    public static final class Main {

        private Main() {
        }

        public static void main(String[] args) throws IOException {
            java.io.PrintStream stdout = System.out;
            // The test kit chatters on System.out while formatting; the parent reads only the ready line.
            System.setOut(System.err);
            try (SandboxCluster cluster = SandboxCluster.start(args[0])) {
                ChildJvm.announce(stdout, READY, cluster.bootstrapServers());
                ChildJvm.awaitParent();
            }
            System.exit(0);
        }
    }
}
