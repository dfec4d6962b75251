package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.state.Ledger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A --ledger that is not a ledger, a newer cutover's, or a place no ledger can be kept: a message
 * naming the file and the fix, exit 2 (4 for a newer ledger), and the file exactly as it was.
 */
class BadLedgerCliTest {

    private static final String NOT_A_LEDGER_FIX = "  fix: pass --ledger with the ledger `cutover plan` wrote, or move the file aside";

    @TempDir
    Path dir;

    @Test
    void statusAndPlanOnAFileThatIsNotSqliteExitWith2AndLeaveItsBytesAlone() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.db"), "garbage\n");
        Path plan = plan();

        for (CliRun run : List.of(CliRun.of("status", "--ledger", bad.toString()),
                CliRun.of("plan", plan.toString(), "--ledger", bad.toString()))) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).startsWith("error: " + bad + " is not a cutover ledger: it is not an SQLite database\n")
                    .contains(NOT_A_LEDGER_FIX).doesNotContain("unexpected error");
        }
        assertThat(bad).hasContent("garbage\n");
        assertThat(filesIn(dir)).containsExactly("bad.db", "plan.yaml");
    }

    @Test
    void aTruncatedLedgerIsNotALedgerForStatusStepOrPlan() throws Exception {
        Path full = dir.resolve("full.db");
        try (Ledger ledger = Ledger.open(full)) {
            for (int i = 0; i < 100; i++) {
                ledger.audit("test", "ok", "entry " + i + " ".repeat(200));
            }
        }
        byte[] bytes = Files.readAllBytes(full);
        byte[] half = Arrays.copyOf(bytes, bytes.length / 2);
        Path cut = Files.write(dir.resolve("cut.db"), half);

        for (CliRun run : List.of(CliRun.of("status", "--ledger", cut.toString()),
                CliRun.of("step", "--ledger", cut.toString()),
                CliRun.of("plan", plan().toString(), "--ledger", cut.toString()))) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).startsWith("error: " + cut + " is not a cutover ledger: it is truncated")
                    .contains(NOT_A_LEDGER_FIX);
        }
        assertThat(Files.readAllBytes(cut)).isEqualTo(half);
        assertThat(filesIn(dir)).containsExactly("cut.db", "full.db", "plan.yaml");
    }

    @Test
    void aLedgerFromANewerCutoverIsRefusedWithExit4AndLeftUntouched() throws Exception {
        Path ledger = dir.resolve("cutover.db");
        Ledger.open(ledger).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ledger); Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', '2030-01-01T00:00:00Z')");
        }
        Path plan = plan();
        byte[] before = Files.readAllBytes(ledger);
        List<String> beside = filesIn(dir);

        for (CliRun run : List.of(CliRun.of("status", "--ledger", ledger.toString()),
                CliRun.of("plan", plan.toString(), "--ledger", ledger.toString()),
                CliRun.of("status", "--ledger", ledger.toString(), "--output", "json"))) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
            assertThat(run.err()).startsWith("error: ledger " + ledger + " was written by a newer cutover (schema version 99;")
                    .contains("  fix: use a newer cutover");
        }
        assertThat(CliRun.of("status", "--ledger", ledger.toString(), "--output", "json").out().strip())
                .startsWith("{").endsWith("}").contains("\"exitCode\" : 4");
        assertThat(Files.readAllBytes(ledger)).isEqualTo(before);
        assertThat(filesIn(dir)).containsExactlyElementsOf(beside);
    }

    @Test
    void aLedgerPathNoLedgerCanBeKeptAtIsAUsageError() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "x");
        Path below = notes.resolve("cutover.db");
        Path directory = Files.createDirectory(dir.resolve("ledgers"));

        CliRun plan = CliRun.of("plan", plan().toString(), "--ledger", below.toString());
        CliRun status = CliRun.of("status", "--ledger", directory.toString());

        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(2);
        assertThat(plan.err()).startsWith("error: cannot create ledger " + below + ": " + notes + " is a file, not a directory\n")
                .contains("  fix: pass --ledger with a path in a directory").doesNotContain("unexpected error");
        assertThat(status.exitCode()).as(status.err()).isEqualTo(2);
        assertThat(status.err()).startsWith("error: ledger " + directory + " is a directory\n")
                .contains("  fix: pass --ledger with the ledger file, e.g. --ledger " + directory.resolve("cutover.db"));
        assertThat(notes).hasContent("x");
        assertThat(filesIn(directory)).isEmpty();
    }

    /** A valid plan whose clusters nobody listens on: a command that read them first would fail on them instead. */
    private Path plan() throws Exception {
        return Files.writeString(dir.resolve("plan.yaml"), """
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "localhost:1"}
                  target: {bootstrap: "localhost:2"}
                topics:
                  include: ["sfdc\\\\..*"]
                """);
    }

    private static List<String> filesIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
