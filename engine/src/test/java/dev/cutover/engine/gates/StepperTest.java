package dev.cutover.engine.gates;

import dev.cutover.engine.run.Progress;
import dev.cutover.engine.run.Time;
import dev.cutover.engine.run.GateContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.engine.CutoverException;
import dev.cutover.plans.GateName;
import dev.cutover.state.GateState;
import dev.cutover.state.Ledger;
import dev.cutover.state.StoredPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stepper's bookkeeping around a gate that fails unexpectedly, on a real ledger file and no cluster. */
class StepperTest {

    @TempDir
    Path dir;

    @Test
    void anUnexpectedFailureIsRecordedAsTheGatesAndThrownWithItsOwnMessage() {
        Path file = dir.resolve("cutover.db");
        try (Ledger ledger = planned(file)) {
            Gate broken = gate(() -> {
                throw new IllegalStateException("the agent's ledger row is gone");
            });

            assertThatThrownBy(() -> new Stepper(new GateCatalog(List.of(broken))).step(context(ledger)))
                    .isInstanceOf(CutoverException.class).hasMessageContaining("gate preflight failed: the agent's ledger row is gone");
        }
        try (Ledger reopened = Ledger.open(file)) {
            assertThat(reopened.gate("preflight").state()).isEqualTo(GateState.FAILED);
            assertThat(reopened.gate("preflight").evidence()).containsEntry("error", "the agent's ledger row is gone");
        }
    }

    @Test
    void whenTheLedgerItselfFailsTheOriginalFailureIsThrownAndTheGateStaysRunning() {
        Path file = dir.resolve("cutover.db");
        Ledger ledger = planned(file);
        Gate breaksTheLedger = gate(() -> {
            ledger.close(); // from here on every write fails, as with a full disk or a file gone
            throw new IllegalStateException("disk full");
        });

        assertThatThrownBy(() -> new Stepper(new GateCatalog(List.of(breaksTheLedger))).step(context(ledger)))
                .isInstanceOf(CutoverException.class).hasMessageContaining("disk full")
                .satisfies(e -> assertThat(e.getSuppressed()).as("the failed recording, attached").isNotEmpty());
        try (Ledger reopened = Ledger.open(file)) {
            assertThat(reopened.gate("preflight").state()).as("step again resumes it").isEqualTo(GateState.RUNNING);
        }
    }

    private static Ledger planned(Path file) {
        Ledger ledger = Ledger.open(file);
        ledger.storePlan(new StoredPlan("p", "fp", "plan.yaml", "text", null), List.of("preflight"));
        return ledger;
    }

    private static GateContext context(Ledger ledger) {
        return new GateContext(null, null, null, ledger, null, Time.system(), Progress.SILENT);
    }

    private static Gate gate(Runnable act) {
        return new Gate() {
            @Override
            public GateName name() {
                return GateName.PREFLIGHT;
            }

            @Override
            public Map<String, Object> check(GateContext context) {
                return Map.of();
            }

            @Override
            public Map<String, Object> act(GateContext context) {
                act.run();
                return Map.of();
            }

            @Override
            public Map<String, Object> verify(GateContext context) {
                return Map.of();
            }
        };
    }
}
