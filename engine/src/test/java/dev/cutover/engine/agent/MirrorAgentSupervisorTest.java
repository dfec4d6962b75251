package dev.cutover.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.state.Ledger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's health as a later {@code cutover step} judges it. The agent records its start instant as
 * its own JVM sees it; a JVM started minutes later may see the same process start a second apart (each
 * reads the boot time once). CI hit it: a healthy agent judged dead, killed and restarted until the
 * mirror gate gave up. The agent here is this test's own process, registered as the agent would.
 */
class MirrorAgentSupervisorTest {
    private static final ProcessHandle SELF = ProcessHandle.current();

    @TempDir
    Path dir;

    @Test
    void anAgentWhoseRecordedStartIsASecondOffIsAlive() {
        AgentHealth health = healthWhenRecordedAs(Duration.ofSeconds(1));
        assertThat(health.alive()).as(health.summary()).isTrue();
    }

    @Test
    void aPidNowHeldByAProcessStartedLongAfterTheAgentIsDead() {
        AgentHealth health = healthWhenRecordedAs(Duration.ofHours(-1));
        assertThat(health.alive()).as(health.summary()).isFalse();
        assertThat(health.summary()).startsWith("dead, pid " + SELF.pid());
    }

    /** This process registered as the agent with its start instant shifted by {@code shift}, judged by a supervisor. */
    private AgentHealth healthWhenRecordedAs(Duration shift) {
        Path file = dir.resolve("cutover.db");
        try (Ledger ledger = Ledger.open(file)) {
            Instant started = SELF.info().startInstant().orElseThrow();
            ledger.registerAgent(SELF.pid(), MirrorAgentSupervisor.localHost(), started.plus(shift));
            return new MirrorAgentSupervisor(file).health(ledger);
        }
    }
}
