package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.engine.agent.MirrorAgentSupervisor;
import dev.cutover.sandbox.SandboxTest;
import dev.cutover.sandbox.ScenarioPlan;
import dev.cutover.sandbox.SimulatedProducer;
import dev.cutover.sandbox.TopicReader;
import dev.cutover.sandbox.TrafficCheck;
import dev.cutover.sandbox.TrafficReport;
import dev.cutover.state.GateState;
import dev.cutover.state.Ledger;
import dev.cutover.state.PositionRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code cutover step} killed with SIGKILL at each numbered point of switch-producers,
 * with a 10,000-event burst in flight, then {@code step} again: the switch completes and every
 * replay id the simulator emitted is on the target exactly once, in order per record id.
 */
class SwitchCrashIT extends SandboxTest {


    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"switch.after-stop", "switch.after-quiet", "switch.after-drain", "switch.after-turnaround",
            "switch.after-start"})
    void killedAtEachPointThenStepAgainSwitchesLosingAndRepeatingNothing(String point) throws Exception {
        String prefix = "x" + Math.abs(point.hashCode() % 10_000);
        String topic = prefix + ".sfdc.cdc.account";
        Path ledgerFile = dir.resolve("cutover.db");
        String ledger = ledgerFile.toString();
        try (SimulatedProducer producer = SimulatedProducer.start(sandbox, "account-cdc", topic, 300)) {
            Path plan = ScenarioPlan.write(dir, prefix, sandbox, "", """
                    producers:
                      - name: account-cdc
                        topics: [%s]
                        replay-header: sfdc.replayId
                        control:
                          type: http
                          stop: %s/stop
                          start: "%s/start?bootstrap={target.bootstrap}&replayId={replayId}"
                    gates:
                      in-sync: {max-lag: 5000, timeout: 90s}
                      quiesce: {window: 1s, timeout: 20s}
                    """.formatted(topic, producer.url(), producer.url()));
            assertThat(CliRun.of("plan", plan.toString(), "--ledger", ledger).exitCode()).isZero();
            CliRun inSync = CliRun.of("run", "--until", "in-sync", "--ledger", ledger);
            assertThat(inSync.exitCode()).as(inSync.err()).isZero();
            CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> producer.traffic().burst(10_000));
            await().atMost(Duration.ofSeconds(30)).until(() -> producer.emitted().size() > 2_000);

            try (CutoverProcess step = CutoverProcess.start(dir, Map.of("CUTOVER_PAUSE_AT", point), "step", "--ledger", ledger)) {
                step.awaitStderr("paused at " + point, Duration.ofSeconds(120));
                step.kill();
            }
            try (Ledger l = Ledger.open(ledgerFile)) {
                assertThat(l.gate("switch-producers").state()).isEqualTo(GateState.RUNNING);
            }
            CliRun again = CliRun.of("step", "--ledger", ledger);
            assertThat(again.exitCode()).as(again.err() + again.out()).isZero();
            assertThat(again.out()).contains("switch-producers: passed").contains("resumed");
            burst.get(60, TimeUnit.SECONDS);

            assertThat(producer.bridge().bootstrap()).isEqualTo(sandbox.target().bootstrapServers());
            producer.drain(Duration.ofSeconds(60));
            TrafficReport report = TrafficCheck.check(producer.emitted(),
                    TopicReader.readAll(sandbox.target().bootstrapServers(), topic));
            assertThat(report.clean()).as(point + ": " + report.summary()).isTrue();
            assertThat(report.emitted()).isGreaterThan(10_000);
            try (Ledger l = Ledger.open(ledgerFile)) {
                List<PositionRow> rows = l.positions();
                assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(r.replayIdSource()).isNotNull());
            }
        } finally {
            if (Files.exists(ledgerFile)) {
                try (Ledger l = Ledger.open(ledgerFile)) {
                    new MirrorAgentSupervisor(ledgerFile).stop(l);
                }
                for (String suffix : new String[] {"", "-wal", "-shm"}) {
                    Files.deleteIfExists(Path.of(ledger + suffix));
                }
            }
        }
    }
}
