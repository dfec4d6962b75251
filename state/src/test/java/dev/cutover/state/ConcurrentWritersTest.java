package dev.cutover.state;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mirror agent writes while cutover writes: the busy timeout and BEGIN IMMEDIATE must make them wait, not fail. */
class ConcurrentWritersTest {
    static final int ROUNDS = 200;

    @TempDir
    Path dir;

    @Test
    void an_agent_thread_and_the_main_thread_write_at_once_without_sqlite_busy() throws Exception {
        Path file = dir.resolve("cutover.db");
        try (Ledger main = Ledger.open(file, Clock.systemUTC(), Duration.ofMillis(10));
             Ledger agentSide = Ledger.open(file);
             LedgerLock lock = main.acquireLock("run")) {
            main.storePlan(LedgerGatesTest.PLAN, LedgerGatesTest.GATES);
            agentSide.registerAgent(4242, "host-a", null);

            CompletableFuture<Void> agent = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    agentSide.agentHeartbeat(4242, "RUNNING", "round " + i);
                    agentSide.saveMirrorProgress(List.of(new MirrorProgress("sfdc.a", 0, i, i, null)));
                }
            });
            for (int i = 0; i < ROUNDS; i++) {
                main.audit("step", "progress", "round " + i);
                main.putEvidence("mirror", Map.of("round", i));
            }
            agent.get(60, SECONDS);

            assertThat(lock.isHeld()).isTrue();
            assertThat(main.auditTrail()).hasSize(ROUNDS + 1);
            assertThat(main.gate("mirror").evidence()).containsEntry("round", ROUNDS - 1);
            assertThat(main.mirrorProgress().get(new PartitionKey("sfdc.a", 0)).nextSourceOffset()).isEqualTo(ROUNDS - 1);
        }
    }

    @Test
    void an_agent_process_and_this_process_write_at_once_without_sqlite_busy() throws Exception {
        Path file = dir.resolve("cutover.db");
        try (Ledger main = Ledger.open(file)) {
            main.storePlan(LedgerGatesTest.PLAN, LedgerGatesTest.GATES);
            JavaProbe agent = JavaProbe.start(AgentWriterProbe.class, file.toString(), String.valueOf(ROUNDS));
            int rounds = 0;
            // Keep writing for as long as the agent does, so the two really overlap.
            while (rounds < ROUNDS || agent.isAlive()) {
                main.audit("step", "progress", "round " + rounds);
                main.transition("preflight", GateState.RUNNING, "round " + rounds);
                rounds++;
            }

            JavaProbe.Result result = agent.await();
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(main.agent()).get().extracting(AgentRecord::state).isEqualTo("STOPPED");
            assertThat(main.gate("preflight").attempts()).isEqualTo(rounds);
        }
    }
}
