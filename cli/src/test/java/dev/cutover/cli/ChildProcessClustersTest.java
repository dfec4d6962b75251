package dev.cutover.cli;

import dev.cutover.engine.agent.MirrorAgentSupervisor;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.state.Ledger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh pair of clusters per test, each broker in a JVM of its own, as in production: cutover, its
 * mirror agent and the brokers meet only over the network. Afterwards the agent of every ledger the
 * test left in its directory is stopped, then the brokers. A fresh pair per test: after a rollback, a
 * shared pair's next producer was seen to stall (see FreshSandboxTest).
 */
abstract class ChildProcessClustersTest {

    @TempDir
    Path dir;

    Sandbox sandbox;

    @BeforeEach
    void startClusters() {
        sandbox = Sandbox.startInChildProcesses();
    }

    @AfterEach
    void stopAgentsAndClusters() throws IOException {
        try {
            List<Path> ledgers;
            try (Stream<Path> files = Files.list(dir)) {
                ledgers = files.filter(f -> f.getFileName().toString().endsWith(".db")).toList();
            }
            for (Path ledger : ledgers) {
                try (Ledger l = Ledger.open(ledger)) {
                    new MirrorAgentSupervisor(ledger).stop(l);
                }
            }
        } finally {
            sandbox.close();
        }
    }
}
