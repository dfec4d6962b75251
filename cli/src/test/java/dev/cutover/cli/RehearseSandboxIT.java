package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newcomer's command: the bundled plan on the sandbox, end to end with a rehearsed rollback, every check holding. */
class RehearseSandboxIT {

    @TempDir
    Path dir;

    @Test
    void rehearsalOnTheSandboxPassesEveryCheckAndPrintsOneJsonDocument() throws Exception {
        CliRun run = CliRun.of("rehearse", "--sandbox", "--ledger", dir.resolve("rehearsal.db").toString(), "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        // The rehearsal ends with a forced breach and the automatic rollback
        assertThat(doc.get("state").asText()).isEqualTo("rolled-back");
        for (JsonNode check : doc.get("checks")) {
            assertThat(check.get("passed").asBoolean()).as(check.toString()).isTrue();
        }
        assertThat(doc.get("checks")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(doc.get("checks").findValuesAsText("name")).anyMatch(n -> n.startsWith("rollback: replay ids on the source"))
                .anyMatch(n -> n.startsWith("consumer sfdc-warehouse-sink read"));
        assertThat(doc.get("gates").get(3).get("name").asText()).isEqualTo("in-sync");
        assertThat(doc.get("gates").get(3).get("state").asText()).isEqualTo("passed");
        assertThat(doc.get("agent").get("alive").asBoolean()).as("the agent is stopped after the rehearsal").isFalse();
        long pid = doc.get("agent").get("pid").asLong();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("agent process " + pid).isEmpty();
    }
}
