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
    void aLiteralSecretInMirrorPropertiesExitsWith2WithoutEchoingItAndCreatesNoLedger() throws Exception {
        Path plan = dir.resolve("secret.yaml");
        Files.writeString(plan, """
                version: 1
                name: secret
                clusters:
                  source: {bootstrap: "localhost:9092"}
                  target: {bootstrap: "localhost:9093"}
                topics:
                  include: ["sfdc\\\\..*"]
                mirror:
                  properties:
                    sasl.jaas.config: "org.apache.kafka.common.security.scram.ScramLoginModule required username=\\"u\\" password=\\"p4ss\\";"
                """);
        Path ledger = dir.resolve("cutover.db");

        CliRun run = CliRun.of("plan", plan.toString(), "--ledger", ledger.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("secret.yaml:10:23: mirror.properties.sasl.jaas.config: holds a literal secret")
                .contains("fix: put the value in an environment variable or a file and write sasl.jaas.config: ${env:MIRROR_JAAS}")
                .doesNotContain("p4ss");
        assertThat(ledger).doesNotExist();
    }

    @Test
    void aTriggerOnAGroupThePlanDoesNotSelectExitsWith2NamingTriggerAndGroup() throws Exception {
        Path plan = dir.resolve("trigger.yaml");
        Files.writeString(plan, """
                version: 1
                name: trigger
                clusters:
                  source: {bootstrap: "localhost:9092"}
                  target: {bootstrap: "localhost:9093"}
                topics:
                  include: ["sfdc\\\\..*"]
                groups:
                  include: ["sfdc-.*"]
                rollback:
                  triggers:
                    - {name: billing-lag, when: consumer-lag, group: billing-sink, above: 5000}
                """);
        Path ledger = dir.resolve("cutover.db");

        CliRun run = CliRun.of("plan", plan.toString(), "--ledger", ledger.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("trigger.yaml:12:54: rollback.triggers[0].group: trigger \"billing-lag\" watches group"
                        + " \"billing-sink\", which groups.include/exclude do not select")
                .contains("fix: select the group in groups.include or name a selected group");
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
