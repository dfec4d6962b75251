package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.sandbox.SandboxTest;
import dev.cutover.sandbox.ScenarioPlan;
import dev.cutover.state.AuditEntry;
import dev.cutover.state.Ledger;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover watch}: readings every second to the ledger (and to {@code status}); a quiet run
 * ends with exit 0 after {@code --for}; a confirmed breach without automatic rollback stops it with
 * exit 1 naming the trigger and the fix.
 */
class WatchCommandIT extends SandboxTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void topics() throws Exception {
        sandbox.source().createTopic("w1.sfdc.cdc.account", 1);
    }

    @Test
    void aQuietWatchEndsAfterItsDurationAndStatusShowsTheReadings() throws Exception {
        String ledger = plan("""
                rollback:
                  automatic: false
                  triggers:
                    - {name: probe, when: command, run: "true"}
                """);

        CliRun watch = CliRun.of("watch", "--for", "2s", "--ledger", ledger);

        assertThat(watch.exitCode()).as(watch.err()).isZero();
        assertThat(watch.out()).contains("probe: exit 0");
        JsonNode status = new ObjectMapper().readTree(CliRun.of("status", "--ledger", ledger, "--output", "json").out());
        assertThat(status.at("/triggers/triggers/probe/breached").asBoolean()).isFalse();
        assertThat(status.at("/triggers/by").asText()).isEqualTo("watch");
    }

    @Test
    void aConfirmedBreachWithoutAutomaticRollbackStopsWithExit1AndIsAudited() throws Exception {
        String ledger = plan("""
                rollback:
                  automatic: false
                  triggers:
                    - {name: probe, when: command, run: "exit 3", for: 1s}
                """);

        CliRun watch = CliRun.of("watch", "--for", "30s", "--ledger", ledger);

        assertThat(watch.exitCode()).isEqualTo(1);
        assertThat(watch.out()).contains("breach: rollback trigger probe: exit 3").contains("run `cutover rollback`");
        try (Ledger l = Ledger.open(Path.of(ledger))) {
            assertThat(l.auditTrail()).extracting(AuditEntry::action, AuditEntry::outcome)
                    .contains(org.assertj.core.groups.Tuple.tuple("trigger probe", "breached"),
                            org.assertj.core.groups.Tuple.tuple("trigger probe", "confirmed"));
        }
    }

    private String plan(String rollback) {
        Path ledger = dir.resolve("cutover.db");
        Path plan = ScenarioPlan.write(dir, "w1", sandbox, "", rollback);
        CliRun planned = CliRun.of("plan", plan.toString(), "--ledger", ledger.toString());
        assertThat(planned.exitCode()).as(planned.err()).isZero();
        return ledger.toString();
    }
}
