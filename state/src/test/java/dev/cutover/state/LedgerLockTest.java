package dev.cutover.state;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerLockTest {
    static final Duration FAST_HEARTBEAT = Duration.ofMillis(50);

    @TempDir
    Path dir;
    Path file;
    Ledger ledger;

    @BeforeEach
    void open() {
        file = dir.resolve("cutover.db");
        ledger = Ledger.open(file, Clock.systemUTC(), FAST_HEARTBEAT);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void a_second_acquire_from_another_thread_is_refused_with_the_holder() throws Exception {
        try (LedgerLock held = ledger.acquireLock("step")) {
            CompletableFuture<Throwable> other = CompletableFuture.supplyAsync(() -> {
                try (Ledger second = Ledger.open(file)) {
                    second.acquireLock("run").close();
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });

            Throwable refusal = other.get(30, SECONDS);
            assertThat(refusal).isInstanceOf(LedgerLockedException.class)
                    .hasMessage("ledger " + file + " is held by `cutover step` (pid " + ProcessHandle.current().pid()
                            + " on " + ProcessIdentity.localHost() + " since " + held.holder().since().truncatedTo(ChronoUnit.SECONDS)
                            + "); wait for it to finish or stop it");
            LockHolder holder = ((LedgerLockedException) refusal).holder();
            assertThat(holder.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(holder.command()).isEqualTo("step");
            assertThatThrownBy(() -> ledger.acquireLock("status")).isInstanceOf(LedgerLockedException.class);
        }
    }

    @Test
    void a_released_lock_can_be_taken_again() {
        LedgerLock first = ledger.acquireLock("step");
        first.close();
        first.close();
        assertThat(first.isHeld()).isFalse();
        assertThat(ledger.lockHolder()).isEmpty();
        try (LedgerLock second = ledger.acquireLock("run")) {
            assertThat(second.isHeld()).isTrue();
            assertThat(ledger.lockHolder()).get().extracting(LockHolder::command).isEqualTo("run");
        }
    }

    @Test
    void closing_the_ledger_releases_its_lock() {
        Ledger other = Ledger.open(file);
        LedgerLock lock = other.acquireLock("step");
        other.close();
        assertThat(lock.isHeld()).isFalse();
        assertThat(ledger.lockHolder()).isEmpty();
    }

    @Test
    void the_heartbeat_advances_while_held() {
        try (LedgerLock lock = ledger.acquireLock("step")) {
            Instant since = lock.holder().since();
            await().atMost(10, SECONDS).until(() -> ledger.lockHolder().orElseThrow().heartbeat().isAfter(since));
        }
    }

    @Test
    void a_lock_whose_process_died_is_taken_over_and_audited() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        await().atMost(10, SECONDS).until(() -> ProcessHandle.of(gone.pid()).isEmpty());
        Instant now = Instant.now();
        writeHolder(gone.pid(), ProcessIdentity.localHost(), now.minusSeconds(60), "step", now);

        try (LedgerLock lock = ledger.acquireLock("step")) {
            assertThat(lock.isHeld()).isTrue();
            assertThat(ledger.lockHolder()).get().extracting(LockHolder::pid).isEqualTo(ProcessHandle.current().pid());
        }
        assertThat(ledger.auditTrail()).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("lock.take-over");
            assertThat(a.detail()).contains("pid " + gone.pid()).contains("process " + gone.pid() + " is gone");
        });
    }

    @Test
    void a_lock_whose_pid_now_belongs_to_another_process_is_taken_over() {
        // Our own pid, but recorded with another start instant: the holder died and the pid was reused.
        Instant now = Instant.now();
        writeHolder(ProcessHandle.current().pid(), ProcessIdentity.localHost(), Instant.parse("2001-01-01T00:00:00Z"), "run", now);

        ledger.acquireLock("step").close();

        assertThat(ledger.auditTrail()).singleElement().extracting(AuditEntry::detail).asString()
                .contains("now belongs to another process");
    }

    @Test
    void a_holder_on_another_host_is_dead_only_when_its_heartbeat_is_stale() {
        Instant now = Instant.now();
        writeHolder(1234, "other-host", now.minusSeconds(600), "step", now.minusSeconds(5));
        assertThatThrownBy(() -> ledger.acquireLock("step"))
                .isInstanceOf(LedgerLockedException.class).hasMessageContaining("(pid 1234 on other-host since");

        writeHolder(1234, "other-host", now.minusSeconds(600), "step", now.minusSeconds(31));
        ledger.acquireLock("step").close();
        assertThat(ledger.auditTrail()).singleElement().extracting(AuditEntry::detail).asString()
                .contains("no heartbeat from other-host");
    }

    @Test
    void a_holder_that_lost_its_lock_notices_on_its_next_heartbeat() {
        LedgerLock lock = ledger.acquireLock("step");
        new RawLedgerFile(file).execute("UPDATE ledger_lock SET token = 'successor'");
        await().atMost(10, SECONDS).until(() -> !lock.isHeld());
        lock.close();
        assertThat(ledger.lockHolder()).isPresent();   // the successor's row is left alone
    }

    @Test
    void a_real_second_process_is_refused_with_exit_4_and_told_who_holds_the_ledger() throws Exception {
        try (LedgerLock held = ledger.acquireLock("step")) {
            JavaProbe.Result refused = JavaProbe.run(LockProbe.class, file.toString(), "run");
            assertThat(refused.exitCode()).isEqualTo(4);
            assertThat(refused.stderr()).contains("is held by `cutover step` (pid " + ProcessHandle.current().pid()
                    + " on " + ProcessIdentity.localHost());
        }
        JavaProbe.Result acquired = JavaProbe.run(LockProbe.class, file.toString(), "run");
        assertThat(acquired.exitCode()).as(acquired.stderr()).isZero();
    }

    private void writeHolder(long pid, String host, Instant processStart, String command, Instant heartbeat) {
        new RawLedgerFile(file).execute("""
                INSERT OR REPLACE INTO ledger_lock (id, token, pid, host, process_start, command, since, heartbeat_at)
                VALUES (1, 'someone-else', ?, ?, ?, ?, ?, ?)""",
                pid, host, processStart.toString(), command, processStart.plusSeconds(1).toString(), heartbeat.toString());
    }
}
