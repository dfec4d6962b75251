package dev.cutover.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.engine.run.FakeTime;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.Progress;
import dev.cutover.engine.triggers.ForcedBreach;
import dev.cutover.plans.ClusterSpec;
import dev.cutover.plans.PlanParser;
import dev.cutover.plans.PropertyResolver;
import dev.cutover.plans.compile.ClusterSnapshot;
import dev.cutover.plans.compile.CompiledPlan;
import dev.cutover.plans.compile.PlanCompiler;
import dev.cutover.state.Ledger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * observe's window on fake time: given a command trigger (a real shell, no cluster), when the gate
 * observes for 5 s, then it evaluates once a second and passes when the probe holds, or fails
 * when a breach lasted its {@code for}. The window of seconds takes milliseconds.
 */
class ObserveGateTest {

    @TempDir
    Path dir;

    private final FakeTime time = new FakeTime();
    private final List<String> progress = new ArrayList<>();
    /** Never connects: a command trigger reads no cluster. */
    private final ClusterClients target = ClusterClients.of("target", new ClusterSpec("localhost:9", Map.of()),
            new PropertyResolver());
    private Ledger ledger;

    @BeforeEach
    void openLedger() {
        ledger = Ledger.open(dir.resolve("cutover.db"));
    }

    @AfterEach
    void close() {
        ledger.close();
        target.close();
    }

    @Test
    void aProbeThatHoldsPassesAfterTheWindowEvaluatedOnceASecond() throws Exception {
        Map<String, Object> evidence = new ObserveGate().act(context("true"));

        assertThat(evidence).containsEntry("evaluations", 6).containsEntry("observedMs", 5_000L)
                .containsEntry("last", "probe exit 0");
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(5));
        assertThat(progress).hasSize(5);
        assertThat(progress.get(0)).isEqualTo("observe: probe exit 0; 5 s to go");
        assertThat(progress.get(4)).isEqualTo("observe: probe exit 0; 1 s to go");
    }

    @Test
    void aBreachThatLastsItsForFailsTheGateAsSoonAsItIsConfirmed() {
        BreachConfirmed e = catchThrowableOfType(BreachConfirmed.class, () -> new ObserveGate().act(context("exit 1")));

        assertThat(e).hasMessageStartingWith("rollback trigger probe");
        assertThat(e.automatic()).isFalse();
        assertThat(e.evidence()).containsEntry("evaluations", 3);
        assertThat(time.elapsed()).as("breached at 0 s, held for 2 s").isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aBreachForcedByARehearsalIsConfirmedOverTheTriggersForAndSaysItWasForced() {
        ledger.putSetting(ForcedBreach.SETTING, "probe");

        BreachConfirmed e = catchThrowableOfType(BreachConfirmed.class, () -> new ObserveGate().act(context("true")));

        assertThat(e).hasMessageStartingWith("rollback trigger probe: exit 0 (breach forced by cutover rehearse --breach)");
        assertThat(time.elapsed()).as("the probe holds, the breach is forced from 0 s and held for 2 s").isEqualTo(Duration.ofSeconds(2));
    }

    private GateContext context(String probe) throws Exception {
        String plan = """
                version: 1
                name: observe-test
                clusters:
                  source: {bootstrap: "old:9092"}
                  target: {bootstrap: "localhost:9"}
                topics: {include: ["sfdc\\\\..*"]}
                gates:
                  observe: {duration: 5s}
                rollback:
                  automatic: false
                  triggers:
                    - {name: probe, when: command, run: "%s", for: 2s}
                """.formatted(probe);
        ClusterSnapshot none = new ClusterSnapshot("c", 1, Map.of(), Map.of());
        CompiledPlan compiled = PlanCompiler.compile(PlanParser.parse(plan, "observe-test.yaml"), none, none);
        return new GateContext(compiled, null, target, ledger, null, time, new Progress() {
            @Override
            public void update(String line) {
                progress.add(line);
            }

            @Override
            public void note(String line) {
                progress.add(line);
            }
        });
    }
}
