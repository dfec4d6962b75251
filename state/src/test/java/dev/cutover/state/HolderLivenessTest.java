package dev.cutover.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A holder on this host is judged by its pid and start instant. The start instant another JVM recorded
 * may be a second off from this JVM's view of the same process (each JVM reads the boot time once);
 * that is the same process, while an instant far from it is a reused pid.
 */
class HolderLivenessTest {
    private static final ProcessHandle SELF = ProcessHandle.current();
    private static final Instant STARTED = SELF.info().startInstant().orElseThrow();
    private static final String HOST = ProcessIdentity.localHost();

    @Test
    void aLiveHolderRecordedWithTheBootTimeAnotherJvmReadIsAlive() {
        Instant now = Instant.now();
        assertThat(HolderLiveness.deadBecause(holder(STARTED.plusSeconds(1), now.minusSeconds(120)), HOST, now)).isEmpty();
        assertThat(HolderLiveness.deadBecause(holder(STARTED.minusSeconds(1), now.minusSeconds(120)), HOST, now)).isEmpty();
    }

    @Test
    void aPidNowHeldByAProcessStartedLongAfterTheHolderIsDead() {
        Instant now = Instant.now();
        assertThat(HolderLiveness.deadBecause(holder(STARTED.minus(Duration.ofHours(1)), now), HOST, now))
                .hasValueSatisfying(why -> assertThat(why).contains("now belongs to another process"));
    }

    @Test
    void startInstantsWithinTheToleranceAreOneProcess() {
        assertThat(ProcessStart.sameProcess(STARTED, STARTED.plus(ProcessStart.TOLERANCE))).isTrue();
        assertThat(ProcessStart.sameProcess(STARTED, STARTED.minus(ProcessStart.TOLERANCE).minusMillis(10))).isFalse();
        assertThat(ProcessStart.matches(SELF, STARTED.plusMillis(990))).isTrue();
        assertThat(ProcessStart.matches(SELF, null)).isTrue();
    }

    private static LockDao.LockRow holder(Instant processStart, Instant heartbeat) {
        return new LockDao.LockRow("token", SELF.pid(), HOST, processStart, "step", heartbeat, heartbeat);
    }
}
