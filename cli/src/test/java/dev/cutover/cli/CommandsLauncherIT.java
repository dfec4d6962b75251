package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The launcher without clusters: help, usage errors and bad files, as a user meets them. */
class CommandsLauncherIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"plan", "step", "run", "status", "watch", "rollback", "rehearse", "report"})
    void everySubcommandExplainsItselfWithHelp(String command) throws Exception {
        Launcher.Run help = Launcher.run(dir, command, "--help").assertExit(0).assertCleanStderr();

        assertThat(help.out()).startsWith("Usage: cutover " + command).contains("--ledger=PATH").contains("--output=text|json");
        assertThat(help.err()).isEmpty();
    }

    @Test
    void theRootListsEveryCommand() throws Exception {
        Launcher.Run help = Launcher.run(dir, "--help").assertExit(0).assertCleanStderr();

        // One line per command under "Commands:", each starting with its name.
        assertThat(help.out().lines().map(String::strip).map(l -> l.split("\\s+")[0]).toList())
                .contains("plan", "step", "run", "status", "watch", "rollback", "rehearse", "report");
    }

    @Test
    void statusWithoutALedgerSaysWhatToDoAndExits2() throws Exception {
        Launcher.Run text = Launcher.run(dir, "status").assertExit(2).assertCleanStderr();
        assertThat(text.out()).isEmpty();
        assertThat(text.err()).contains("error: no ledger at ./cutover.db").contains("fix: run `cutover plan PLAN.yaml` first");

        Launcher.Run json = Launcher.run(dir, "status", "--output", "json").assertExit(2);
        assertThat(json.out()).contains("\"summary\" : \"no ledger at ./cutover.db\"");
        assertThat(Files.exists(dir.resolve("cutover.db"))).as("nothing is created").isFalse();
    }

    @Test
    void anInvalidPlanNamesFileLineAndFixAndChangesNothing() throws Exception {
        Path plan = dir.resolve("bad.yaml");
        Files.writeString(plan, """
                version: 1
                name: bad
                clusters:
                  source: {bootstrap: "localhost:1"}
                  target: {bootstrap: "localhost:2"}
                topics: {include: ["sfdc\\\\..*"]}
                gates:
                  quiesce: {window: 5q}
                """);
        Launcher.Run run = Launcher.run(dir, "plan", plan.toString()).assertExit(2).assertCleanStderr();

        assertThat(run.err()).contains("bad.yaml:8").contains("window").contains("fix");
        assertThat(run.out()).isEmpty();
        assertThat(Files.exists(dir.resolve("cutover.db"))).isFalse();
    }

    @Test
    void aFileThatIsNotALedgerIsNamedAndNeverTouched() throws Exception {
        Path bad = dir.resolve("bad.db");
        Files.writeString(bad, "garbage\n");

        Launcher.Run run = Launcher.run(dir, "status", "--ledger", bad.toString()).assertExit(2).assertCleanStderr();

        assertThat(run.err()).contains("bad.db is not a cutover ledger").contains("fix: ");
        assertThat(run.err()).doesNotContain("unexpected error");
        assertThat(Files.readString(bad)).isEqualTo("garbage\n");
        assertThat(Files.exists(dir.resolve("bad.db-wal"))).isFalse();
    }
}
