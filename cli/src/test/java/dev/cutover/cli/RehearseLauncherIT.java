package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.state.Ledger;
import dev.cutover.state.LedgerReading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newcomer's command, through the launcher: the bundled plan on the sandbox, end to end, every check holding. */
class RehearseLauncherIT {

    @TempDir
    Path dir;

    @Test
    void theDefaultRehearsalEndsInARollbackAndPrintsOneJsonDocument() throws Exception {
        Launcher.Run run = Launcher.run(dir, "rehearse", "--sandbox", "--output", "json").assertExit(0).assertCleanStderr();

        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.get("scenario").asText()).isEqualTo("rollback");
        assertThat(doc.get("state").asText()).isEqualTo("rolled-back");
        for (JsonNode check : doc.get("checks")) {
            assertThat(check.get("passed").asBoolean()).as(check.toString()).isTrue();
        }
        assertThat(doc.get("checks").findValuesAsText("name")).anyMatch(n -> n.startsWith("rollback: replay ids on the source"))
                .anyMatch(n -> n.startsWith("consumer sfdc-warehouse-sink read"));
        assertThat(doc.get("agent").get("alive").asBoolean()).as("the agent is stopped after the rehearsal").isFalse();
        long pid = doc.get("agent").get("pid").asLong();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("agent process " + pid).isEmpty();
        assertThat(Files.exists(dir.resolve("cutover-rehearsal.db"))).as("the default rehearsal ledger").isTrue();

        // The scorecard ends the rehearsal, and `cutover report` reads the same from the ledger afterwards.
        JsonNode card = doc.get("scorecard");
        assertThat(card.get("rehearsed").asBoolean()).isTrue();
        Map<String, String> ratings = new HashMap<>();
        card.get("rows").forEach(r -> ratings.put(r.get("category").asText(), r.get("rating").asText()));
        assertThat(ratings).containsOnlyKeys("Compatibility", "Replay", "Cost", "Scaling", "Security", "Rollback", "Observability")
                .containsEntry("Rollback", "green").containsEntry("Compatibility", "green")
                .containsEntry("Cost", "yellow").containsEntry("Security", "red"); // the sandbox is PLAINTEXT
        JsonNode reported = new ObjectMapper().readTree(Launcher.run(dir, "report", "--ledger", "cutover-rehearsal.db", "--output",
                "json").assertExit(0).assertCleanStderr().out());
        assertThat(reported.get("rows").findValuesAsText("rating")).isEqualTo(card.get("rows").findValuesAsText("rating"));
        Launcher.Run md = Launcher.run(dir, "report", "--ledger", "cutover-rehearsal.db", "--format", "md").assertExit(0)
                .assertCleanStderr();
        assertThat(md.out()).startsWith("# Readiness: plan sfdc-cdc-sandbox").contains("| category | rating | evidence | recorded in |")
                .contains("| Rollback | **green** | rolled back [").contains("scorecard: 4 green,");
        Launcher.run(dir, "report", "--ledger", "cutover-rehearsal.db", "--format", "pdf").assertExit(2);

        // The page, as a browser renders it: the scorecard rows as in the JSON, every reading a point.
        Launcher.Run html = Launcher.run(dir, "report", "--ledger", "cutover-rehearsal.db", "--format", "html").assertExit(0)
                .assertCleanStderr();
        assertThat(html.out()).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
        Path page = dir.resolve("readiness.html");
        Files.writeString(page, html.out());
        Optional<Path> browser = HeadlessBrowser.find();
        if (browser.isEmpty()) {
            System.out.println("no Chromium on this machine: the report page was not read in a browser");
            return;
        }
        Document dom = Jsoup.parse(HeadlessBrowser.dumpDom(browser.get(), page));
        assertThat(dom.select("#scorecard tr[data-rating]").eachAttr("data-rating"))
                .isEqualTo(card.get("rows").findValuesAsText("rating"));
        assertThat(dom.select("#scorecard tr[data-rating]").eachAttr("data-category"))
                .isEqualTo(card.get("rows").findValuesAsText("category"));
        List<LedgerReading> readings;
        try (Ledger ledger = Ledger.open(dir.resolve("cutover-rehearsal.db"))) {
            readings = ledger.readings();
        }
        List<String> lag = readings.stream().filter(r -> r.series().equals("trigger:warehouse-lag")).map(r -> String.valueOf(r.value())).toList();
        assertThat(lag).as("the trigger was read during observe").isNotEmpty();
        assertThat(dom.select("#trigger-warehouse-lag circle.point").eachAttr("data-value")).isEqualTo(lag);
        assertThat(dom.select("#trigger-warehouse-lag circle.point.breach")).as("the breach is marked")
                .hasSize((int) readings.stream().filter(r -> r.series().equals("trigger:warehouse-lag") && r.breached()).count())
                .isNotEmpty();
        assertThat(dom.select("#mirror-lag circle.point")).hasSize((int) readings.stream().filter(r -> r.series().equals("mirror-lag")).count());
        assertThat(dom.select("#gates rect.bar")).hasSize(7);
        assertThat(dom.select("#positions tr")).hasSizeGreaterThan(1);
        Path png = HeadlessBrowser.screenshot(browser.get(), page, dir.resolve("readiness.png"));
        assertThat(Files.size(png)).as("a rendered page, not a blank one").isGreaterThan(20_000);
    }

    @Test
    void onTheConnectEngineTheWholeCutoverAndItsRollbackAreRehearsedOnAKafkaConnectWorker() throws Exception {
        Launcher.Run run = Launcher.run(dir, Duration.ofMinutes(6), "rehearse", "--sandbox", "--engine", "connect", "--output", "json")
                .assertExit(0).assertCleanStderr();

        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.get("engine").asText()).isEqualTo("connect");
        assertThat(doc.get("stoppedBefore").isNull()).as("every gate ran").isTrue();
        for (JsonNode check : doc.get("checks")) {
            assertThat(check.get("passed").asBoolean()).as(check.toString()).isTrue();
        }
        assertThat(doc.get("checks").findValuesAsText("name"))
                .anyMatch(n -> n.startsWith("replay ids on the target"))
                .anyMatch(n -> n.startsWith("rollback: replay ids on the source"))
                .anyMatch(n -> n.startsWith("consumer ") && n.contains(" once"));
        // Rolled back: the forward pair copies again, the reverse connector is stopped.
        Map<String, String> states = new HashMap<>();
        doc.get("connect").get("connectors").forEach(c -> states.put(c.get("name").asText(), c.get("state").asText()));
        assertThat(states).containsEntry("cutover-sfdc-cdc-sandbox-mirror-source", "RUNNING")
                .containsEntry("cutover-sfdc-cdc-sandbox-mirror-reverse", "STOPPED");
        assertThat(run.err()).contains("mirror: connector cutover-sfdc-cdc-sandbox-mirror-source created on http://127.0.0.1:");
    }

    @Test
    void theFinalizeScenarioEndsDoneWithTheSourceKeptAsAnArchive() throws Exception {
        Launcher.Run run = Launcher.run(dir, "rehearse", "--sandbox", "--scenario", "finalize").assertExit(0).assertCleanStderr();

        assertThat(run.out()).contains("Rehearsal on the sandbox, ending in finalize")
                .containsPattern("finalize\\s+passed")
                .contains("ok    cutover done: state done")
                .contains("ok    no cutover process left running")
                .contains("ok    the source is an archive: sfdc.cdc.account")
                .contains("ok    consumer sfdc-warehouse-sink read sfdc.cdc.account once")
                .containsPattern("Readiness: (\\d+) of \\1 checks held\\.")
                .contains("readiness of plan sfdc-cdc-sandbox").containsPattern("  red     Rollback       no gate was rolled back")
                .doesNotContain("FAIL");
        assertThat(run.err()).contains("finalize: report written to");
        assertThat(Files.readString(dir.resolve("cutover-rehearsal.db.report.md"))).startsWith("# Cutover report:");
    }
}
