package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.engine.agent.MirrorAgentSupervisor;
import dev.cutover.engine.status.CutoverState;
import dev.cutover.sandbox.ConsumerHttpControl;
import dev.cutover.sandbox.DemoConsumer;
import dev.cutover.sandbox.FreshSandboxTest;
import dev.cutover.sandbox.ScenarioPlan;
import dev.cutover.sandbox.SimulatedProducer;
import dev.cutover.state.GateState;
import dev.cutover.state.Ledger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real {@code cutover step} killed with SIGKILL inside finalize, then {@code step} again: the
 * cutover ends done, the agent gone, and the source holds, in order, every record the target had
 * up to the point finalize recorded; nothing on the source beyond it, nothing repeated.
 */
class FinalizeCrashIT extends FreshSandboxTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"finalize.after-drain", "finalize.after-agent-stop"})
    void killedMidFinalizeThenStepAgainEndsDoneWithTheSourceAsAnArchive(String point) throws Exception {
        String prefix = "fz" + Math.abs(point.hashCode() % 1000);
        String topic = prefix + ".sfdc.cdc.account";
        String group = prefix + "-sink";
        Path ledgerFile = dir.resolve("cutover.db");
        String ledger = ledgerFile.toString();
        try (SimulatedProducer producer = SimulatedProducer.start(sandbox, "account-cdc", topic, 200);
             DemoConsumer consumer = new DemoConsumer(group, List.of(topic));
             ConsumerHttpControl control = ConsumerHttpControl.start(consumer)) {
            consumer.start(sandbox.source().bootstrapServers());
            Path plan = ScenarioPlan.write(dir, prefix, sandbox, "", ScenarioPlan.httpProducerAndGroup(topic, producer, group, control) + """
                gates:
                  in-sync: {max-lag: 5000, timeout: 90s}
                  quiesce: {window: 1s, timeout: 20s}
                  observe: {duration: 1s}
                """);
            assertThat(CliRun.of("plan", plan.toString(), "--ledger", ledger).exitCode()).isZero();
            CliRun forward = CliRun.of("run", "--until", "observe", "--ledger", ledger);
            assertThat(forward.exitCode()).as(forward.err() + forward.out()).isZero();
            // Producers go on writing on the target while finalize runs and after it: the mark must hold regardless.
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.consumed().stream()
                    .filter(r -> r.bootstrap().equals(sandbox.target().bootstrapServers())).count() > 20);

            try (CutoverProcess step = CutoverProcess.start(dir, Map.of("CUTOVER_PAUSE_AT", point), "step", "--ledger", ledger)) {
                step.awaitStderr("paused at " + point, Duration.ofSeconds(120));
                step.kill();
            }
            try (Ledger l = Ledger.open(ledgerFile)) {
                assertThat(l.gate("finalize").state()).as("the ledger says finalize was in flight").isEqualTo(GateState.RUNNING);
            }
            CliRun again = CliRun.of("step", "--ledger", ledger);
            assertThat(again.exitCode()).as(again.err() + again.out()).isZero();
            assertThat(again.out()).startsWith("finalize: passed").contains("(resumed an interrupted attempt)");

            Map<String, Object> archive;
            long agentPid;
            try (Ledger l = Ledger.open(ledgerFile)) {
                assertThat(CutoverState.of(l.gates())).isEqualTo(CutoverState.DONE);
                archive = castMap(l.gate("finalize").evidence().get("archive"));
                agentPid = l.agent().orElseThrow().pid();
            }
            assertThat(ProcessHandle.of(agentPid).filter(ProcessHandle::isAlive)).as(point + ": agent " + agentPid).isEmpty();
            assertThat(Files.exists(Path.of(ledger + ".report.md"))).isTrue();

            producer.drain(Duration.ofSeconds(60));
            Map<Integer, List<String>> source = Records.of(sandbox.source().bootstrapServers(), topic);
            Map<Integer, List<String>> target = Records.of(sandbox.target().bootstrapServers(), topic);
            for (int p = 0; p < 3; p++) {
                List<String> src = source.getOrDefault(p, List.of());
                List<String> tgt = target.getOrDefault(p, List.of());
                long archived = ((Number) castMap(archive.get(topic + "-" + p)).get("sourceOffset")).longValue();
                assertThat((long) src.size()).as(point + ": partition " + p + " on the source is what finalize recorded")
                        .isEqualTo(archived);
                assertThat(tgt.subList(0, src.size())).as(point + ": partition " + p + ": the source is the target's first records")
                        .isEqualTo(src);
                assertThat(tgt.size()).as(point + ": producers went on writing on the target").isGreaterThanOrEqualTo(src.size());
            }
        } finally {
            if (Files.exists(ledgerFile)) {
                try (Ledger l = Ledger.open(ledgerFile)) {
                    new MirrorAgentSupervisor(ledgerFile).stop(l);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
