package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An invalid plan: exit 2, a message naming file, line, field and fix, and nothing written. */
class BadPlanCliTest {

    @TempDir
    Path dir;

    @Test
    void anInvalidPlanExitsWith2NamesTheLineAndFieldAndCreatesNoLedger() throws Exception {
        Path plan = dir.resolve("broken.yaml");
        Files.writeString(plan, """
                version: 1
                name: broken
                clusters:
                  source: {bootstrap: "localhost:9092"}
                  target: {bootstrap: "localhost:9093"}
                topics:
                  include: ["sfdc\\\\..*"]
                gates:
                  in-sync: {max-lag: 0, timeout: 15 minutes}
                """);
        Path ledger = dir.resolve("cutover.db");

        CliRun run = CliRun.of("plan", plan.toString(), "--ledger", ledger.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("broken.yaml:9").contains("gates.in-sync.timeout").contains("fix:");
        assertThat(ledger).doesNotExist();
    }

    @Test
    void jsonModeKeepsStdoutToOneErrorDocument() throws Exception {
        Path plan = dir.resolve("empty.yaml");
        Files.writeString(plan, "");

        CliRun run = CliRun.of("plan", plan.toString(), "--ledger", dir.resolve("c.db").toString(), "--output", "json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out().strip()).startsWith("{").endsWith("}").contains("\"exitCode\" : 2");
    }

    @Test
    void statusWithoutALedgerIsAUsageError() {
        CliRun run = CliRun.of("status", "--ledger", dir.resolve("none.db").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no ledger at").contains("cutover plan");
    }
}
