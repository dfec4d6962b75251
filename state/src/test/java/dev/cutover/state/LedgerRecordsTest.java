package dev.cutover.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerRecordsTest {
    @TempDir
    Path dir;

    @Test
    void positions_are_upserted_per_kind_owner_topic_partition_and_nulls_stay_null() {
        try (Ledger ledger = Ledger.open(dir.resolve("cutover.db"))) {
            ledger.upsertPosition(new PositionRow("producer", "account-cdc", "sfdc.cdc.account", 0,
                    "AAAA", null, 41L, null, null, null, "stopped on source"));
            ledger.upsertPosition(new PositionRow("group", "sfdc-warehouse-sink", "sfdc.cdc.account", 0,
                    null, null, null, null, 40L, null, null));
            ledger.upsertPosition(new PositionRow("producer", "account-cdc", "sfdc.cdc.account", 0,
                    "AAAA", "AAAA", 41L, 0L, null, null, "started on target"));

            assertThat(ledger.positions()).containsExactly(
                    new PositionRow("producer", "account-cdc", "sfdc.cdc.account", 0, "AAAA", "AAAA", 41L, 0L, null, null,
                            "started on target"),
                    new PositionRow("group", "sfdc-warehouse-sink", "sfdc.cdc.account", 0, null, null, null, null, 40L, null,
                            null));
        }
    }

    @Test
    void a_position_of_an_unknown_kind_is_refused() {
        try (Ledger ledger = Ledger.open(dir.resolve("cutover.db"))) {
            assertThatThrownBy(() -> ledger.upsertPosition(new PositionRow("consumer", "x", "t", 0,
                    null, null, null, null, null, null, null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`producer` or `group`");
        }
    }

    @Test
    void the_audit_trail_keeps_who_did_what_in_order() {
        try (Ledger ledger = Ledger.open(dir.resolve("cutover.db"))) {
            ledger.audit("step", "started", "gate preflight");
            ledger.audit("step", "passed", null);

            List<AuditEntry> trail = ledger.auditTrail();
            assertThat(trail).extracting(AuditEntry::action, AuditEntry::outcome).containsExactly(
                    tuple("step", "started"), tuple("step", "passed"));
            assertThat(trail.get(1).detail()).isNull();
            assertThat(trail.get(0).actor()).isEqualTo(System.getProperty("user.name") + "@"
                    + ProcessIdentity.localHost() + " pid " + ProcessHandle.current().pid());
            assertThat(trail.get(1).at()).isAfterOrEqualTo(trail.get(0).at());
        }
    }

    @Test
    void the_mirror_agent_registers_beats_and_is_asked_to_stop() {
        Instant processStart = Instant.parse("2026-11-25T09:59:58.123456Z");
        try (Ledger ledger = Ledger.open(dir.resolve("cutover.db"))) {
            assertThat(ledger.agent()).isEmpty();
            ledger.registerAgent(777, "host-a", processStart);
            AgentRecord registered = ledger.agent().orElseThrow();
            assertThat(registered.state()).isEqualTo("RUNNING");
            assertThat(registered.processStart()).isEqualTo(processStart);
            assertThat(registered.stopRequested()).isFalse();

            ledger.agentHeartbeat(777, "FAILED", "data loss: sfdc.cdc.account-0 offsets 10..12 deleted by retention");
            ledger.requestAgentStop();

            AgentRecord now = ledger.agent().orElseThrow();
            assertThat(now.state()).isEqualTo("FAILED");
            assertThat(now.detail()).startsWith("data loss");
            assertThat(now.heartbeatAt()).isAfterOrEqualTo(registered.heartbeatAt());
            assertThat(now.stopRequested()).isTrue();
            ledger.agentHeartbeat(778, "RUNNING", "a replaced agent");   // not the registered one: ignored
            assertThat(ledger.agent()).get().isEqualTo(now);
        }
    }

    @Test
    void mirror_progress_is_upserted_per_partition_and_cleared() {
        try (Ledger ledger = Ledger.open(dir.resolve("cutover.db"))) {
            ledger.saveMirrorProgress(List.of(new MirrorProgress("sfdc.a", 0, 10, 5, null),
                    new MirrorProgress("sfdc.a", 1, 20, 20, null)));
            ledger.saveMirrorProgress(List.of(new MirrorProgress("sfdc.a", 0, 12, 7, null)));

            Map<PartitionKey, MirrorProgress> progress = ledger.mirrorProgress();
            assertThat(progress.keySet()).containsExactly(new PartitionKey("sfdc.a", 0), new PartitionKey("sfdc.a", 1));
            assertThat(progress.get(new PartitionKey("sfdc.a", 0))).satisfies(p -> {
                assertThat(p.nextSourceOffset()).isEqualTo(12);
                assertThat(p.nextTargetOffset()).isEqualTo(7);
                assertThat(p.updatedAt()).isNotNull();
            });

            ledger.clearMirrorProgress();
            assertThat(ledger.mirrorProgress()).isEmpty();
        }
    }

    @Test
    void the_turnaround_to_reverse_leaves_all_four_facts_together_in_the_file() {
        Path file = dir.resolve("cutover.db");
        try (Ledger ledger = Ledger.open(file)) {
            ledger.storePlan(LedgerGatesTest.PLAN, List.of("in-sync", "switch-producers"));
            ledger.transition("switch-producers", GateState.RUNNING, null);
            ledger.putEvidence("switch-producers", Map.of("producers", Map.of("p", Map.of("phase", "QUIET")),
                    "switch", Map.of("quietMs", 1000)));
            ledger.registerAgent(99, "host-a", null);
            // an earlier reverse run's rows and anchors, which the turnaround must replace
            ledger.saveMirrorProgress(MirrorDirection.REVERSE, List.of(new MirrorProgress("t", 0, 1, 1, null),
                    new MirrorProgress("old", 0, 9, 9, null)), List.of(new OffsetAnchor("t", 0, 0, 0)));

            ledger.turnMirrorToReverse("switch-producers", List.of(new MirrorProgress("t", 0, 70, 40, null)),
                    Map.of("switch", Map.of("drained", Map.of("t-0", Map.of("source", 40, "target", 70)),
                            "mirrorStopped", true)));
        }

        try (Ledger reopened = Ledger.open(file)) {
            assertThat(reopened.agent()).get().extracting(AgentRecord::stopRequested).isEqualTo(true);
            assertThat(reopened.mirrorProgress(MirrorDirection.REVERSE).values())
                    .extracting(MirrorProgress::topic, MirrorProgress::partition, MirrorProgress::nextSourceOffset,
                            MirrorProgress::nextTargetOffset)
                    .containsExactly(tuple("t", 0, 70L, 40L));
            assertThat(reopened.mirrorAnchor(MirrorDirection.REVERSE, "t", 0, 70)).isEmpty();
            assertThat(reopened.mirrorDirection()).isEqualTo(MirrorDirection.REVERSE);
            Map<String, Object> evidence = reopened.gate("switch-producers").evidence();
            assertThat(evidence).containsKey("producers");   // merged: keys not given stay
            assertThat(evidence.get("switch")).isEqualTo(Map.of("drained", Map.of("t-0", Map.of("source", 40, "target", 70)),
                    "mirrorStopped", true));
        }
    }

    @Test
    void a_turnaround_for_an_unknown_gate_changes_nothing() {
        try (Ledger ledger = Ledger.open(dir.resolve("cutover.db"))) {
            ledger.storePlan(LedgerGatesTest.PLAN, List.of("in-sync", "switch-producers"));
            ledger.registerAgent(99, "host-a", null);

            assertThatThrownBy(() -> ledger.turnMirrorToReverse("switch", List.of(new MirrorProgress("t", 0, 70, 40, null)),
                    Map.of("switch", Map.of("mirrorStopped", true)))).hasMessageContaining("switch");

            assertThat(ledger.agent()).get().extracting(AgentRecord::stopRequested).isEqualTo(false);
            assertThat(ledger.mirrorProgress(MirrorDirection.REVERSE)).isEmpty();
            assertThat(ledger.mirrorDirection()).isEqualTo(MirrorDirection.FORWARD);
        }
    }

    @Test
    void everything_survives_closing_and_reopening_the_file() {
        Path file = dir.resolve("cutover.db");
        Instant agentStart = Instant.parse("2026-11-25T09:00:00Z");
        try (Ledger ledger = Ledger.open(file)) {
            ledger.storePlan(LedgerGatesTest.PLAN, LedgerGatesTest.GATES);
            ledger.transition("preflight", GateState.RUNNING, null);
            ledger.putEvidence("preflight", Map.of("source", "reachable"));
            ledger.upsertPosition(new PositionRow("producer", "p", "t", 0, "R1", null, 1L, null, null, null, null));
            ledger.registerAgent(99, "host-a", agentStart);
            ledger.saveMirrorProgress(List.of(new MirrorProgress("t", 0, 3, 3, null)));
            ledger.audit("step", "started", null);
        }

        try (Ledger reopened = Ledger.open(file)) {
            assertThat(reopened.plan()).get().extracting(StoredPlan::fingerprint).isEqualTo("fp-aaaa");
            GateRecord preflight = reopened.gate("preflight");
            assertThat(preflight.state()).isEqualTo(GateState.RUNNING);   // a crash mid-gate leaves it RUNNING to resume
            assertThat(preflight.attempts()).isEqualTo(1);
            assertThat(preflight.evidence()).containsEntry("source", "reachable");
            assertThat(reopened.gateEvents("preflight")).hasSize(2);
            assertThat(reopened.positions()).singleElement().extracting(PositionRow::replayIdSource).isEqualTo("R1");
            assertThat(reopened.agent()).get().extracting(AgentRecord::processStart).isEqualTo(agentStart);
            assertThat(reopened.mirrorProgress()).containsKey(new PartitionKey("t", 0));
            assertThat(reopened.auditTrail()).extracting(AuditEntry::action).containsExactly("plan.store", "step");
        }
    }

    @Test
    void a_closed_ledger_refuses_use_naming_the_file() {
        Ledger ledger = Ledger.open(dir.resolve("cutover.db"));
        ledger.close();
        ledger.close();
        assertThatThrownBy(ledger::positions).isInstanceOf(LedgerException.class).hasMessageContaining("cutover.db is closed");
    }
}
