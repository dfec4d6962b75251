package dev.cutover.state;

import static dev.cutover.state.GateState.FAILED;
import static dev.cutover.state.GateState.PASSED;
import static dev.cutover.state.GateState.PENDING;
import static dev.cutover.state.GateState.ROLLED_BACK;
import static dev.cutover.state.GateState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerGatesTest {
    static final List<String> GATES = List.of("preflight", "topics", "mirror", "in-sync");
    static final StoredPlan PLAN = new StoredPlan("sfdc-cdc-to-new-cluster", "fp-aaaa", "plan.yaml", "plan text", null);
    static final StoredPlan OTHER_PLAN = new StoredPlan("sfdc-cdc-to-new-cluster", "fp-bbbb", "plan.yaml", "other text", null);

    @TempDir
    Path dir;
    Ledger ledger;

    @BeforeEach
    void open() {
        ledger = Ledger.open(dir.resolve("cutover.db"));
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void a_stored_plan_has_its_gates_pending_in_order_and_is_audited() {
        ledger.storePlan(PLAN, GATES);

        assertThat(ledger.plan()).get().satisfies(p -> {
            assertThat(p.fingerprint()).isEqualTo("fp-aaaa");
            assertThat(p.text()).isEqualTo("plan text");
            assertThat(p.storedAt()).isNotNull();
        });
        assertThat(ledger.gates()).extracting(GateRecord::ordinal, GateRecord::name, GateRecord::state, GateRecord::attempts)
                .containsExactly(tuple(1, "preflight", PENDING, 0), tuple(2, "topics", PENDING, 0),
                        tuple(3, "mirror", PENDING, 0), tuple(4, "in-sync", PENDING, 0));
        assertThat(ledger.gate("mirror").evidence()).isEmpty();
        assertThat(ledger.auditTrail()).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("plan.store");
            assertThat(a.outcome()).isEqualTo("stored");
            assertThat(a.actor()).contains("@").contains(" pid " + ProcessHandle.current().pid());
        });
    }

    @Test
    void the_fingerprint_facts_are_kept_with_the_plan_and_survive_reopening() {
        ledger.storePlan(PLAN, GATES, List.of("source cluster id: abc", "topic sfdc.cdc.account: 6 partitions"));
        ledger.close();
        ledger = Ledger.open(dir.resolve("cutover.db"));

        assertThat(ledger.planFacts()).containsExactly("source cluster id: abc", "topic sfdc.cdc.account: 6 partitions");
        ledger.storePlan(PLAN, GATES, List.of("source cluster id: abc"));
        assertThat(ledger.planFacts()).containsExactly("source cluster id: abc");
    }

    @Test
    void no_plan_means_no_gates_and_a_clear_refusal() {
        assertThat(ledger.plan()).isEmpty();
        assertThat(ledger.gates()).isEmpty();
        assertThatThrownBy(() -> ledger.transition("preflight", RUNNING, null))
                .isInstanceOf(LedgerStateException.class).hasMessageContaining("run `cutover plan PLAN.yaml` first");
    }

    @Test
    void running_counts_attempts_and_keeps_the_first_start_passing_sets_the_end() {
        ledger.storePlan(PLAN, GATES);

        GateRecord first = ledger.transition("preflight", RUNNING, "attempt 1");
        GateRecord resumed = ledger.transition("preflight", RUNNING, "resumed after a crash");
        GateRecord passed = ledger.transition("preflight", PASSED, "all reachable");

        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.startedAt()).isNotNull();
        assertThat(first.endedAt()).isNull();
        assertThat(resumed.attempts()).isEqualTo(2);
        assertThat(resumed.startedAt()).isEqualTo(first.startedAt());
        assertThat(passed.endedAt()).isNotNull().isAfterOrEqualTo(passed.startedAt());
        assertThat(ledger.gate("preflight")).isEqualTo(passed);
        assertThat(passed.detail()).isEqualTo("all reachable");
    }

    @Test
    void a_failed_gate_is_retried_and_its_end_cleared_while_it_runs_again() {
        ledger.storePlan(PLAN, GATES);
        ledger.transition("preflight", RUNNING, null);
        assertThat(ledger.transition("preflight", FAILED, "source unreachable").endedAt()).isNotNull();

        GateRecord retry = ledger.transition("preflight", RUNNING, "retry");

        assertThat(retry.attempts()).isEqualTo(2);
        assertThat(retry.endedAt()).isNull();
    }

    @Test
    void a_refused_transition_names_the_valid_targets_and_changes_nothing() {
        ledger.storePlan(PLAN, GATES);

        assertThatThrownBy(() -> ledger.transition("topics", PASSED, "skip"))
                .isInstanceOf(LedgerStateException.class)
                .hasMessage("gate `topics` cannot go from pending to passed; from pending it can go to: running");
        assertThat(ledger.gate("topics").state()).isEqualTo(PENDING);
        assertThat(ledger.gateEvents("topics")).hasSize(1);
    }

    @Test
    void an_unknown_gate_is_refused_listing_the_gates() {
        ledger.storePlan(PLAN, GATES);
        assertThatThrownBy(() -> ledger.gate("observe"))
                .isInstanceOf(LedgerStateException.class)
                .hasMessage("the stored plan has no gate `observe`; its gates are: preflight, topics, mirror, in-sync");
    }

    @Test
    void every_transition_appends_to_the_gate_history() {
        ledger.storePlan(PLAN, GATES);
        ledger.transition("mirror", RUNNING, null);
        ledger.transition("mirror", PASSED, "replicating");
        ledger.transition("mirror", ROLLED_BACK, "rolled back");
        ledger.transition("mirror", PENDING, "ready again");

        assertThat(ledger.gateEvents("mirror"))
                .extracting(GateEvent::gate, GateEvent::from, GateEvent::to, GateEvent::detail)
                .containsExactly(
                        tuple("mirror", null, PENDING, "planned"),
                        tuple("mirror", PENDING, RUNNING, null),
                        tuple("mirror", RUNNING, PASSED, "replicating"),
                        tuple("mirror", PASSED, ROLLED_BACK, "rolled back"),
                        tuple("mirror", ROLLED_BACK, PENDING, "ready again"));
        assertThat(ledger.gateEvents("mirror")).extracting(GateEvent::id).isSorted();
        GateRecord pending = ledger.gate("mirror");
        assertThat(pending.startedAt()).isNull();
        assertThat(pending.attempts()).isEqualTo(1);
    }

    @Test
    void the_history_cannot_be_rewritten() {
        ledger.storePlan(PLAN, GATES);
        RawLedgerFile raw = new RawLedgerFile(ledger.file());
        assertThatThrownBy(() -> raw.execute("DELETE FROM gate_events")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> raw.execute("UPDATE audit SET outcome = 'forged'")).hasMessageContaining("append-only");
    }

    @Test
    void evidence_merges_keys() {
        ledger.storePlan(PLAN, GATES);
        ledger.putEvidence("topics", Map.of("created", List.of("sfdc.cdc.account"), "checked", 3));
        ledger.putEvidence("topics", Map.of("checked", 4, "configs", Map.of("retention.ms", "604800000"),
                "at", Instant.parse("2026-11-25T10:00:00Z")));

        assertThat(ledger.gate("topics").evidence()).containsOnly(
                Map.entry("created", List.of("sfdc.cdc.account")),
                Map.entry("checked", 4),
                Map.entry("configs", Map.of("retention.ms", "604800000")),
                Map.entry("at", "2026-11-25T10:00:00Z"));
    }

    @Test
    void an_evidence_entry_replaces_only_itself_and_lands_with_its_positions() {
        ledger.storePlan(PLAN, GATES);
        ledger.putEvidence("topics", Map.of("groups", Map.of("a", Map.of("phase", "STOPPED")), "moveMs", 7));
        PositionRow row = new PositionRow(PositionRow.GROUP, "b", "sfdc.cdc.account", 0, null, null, 41L, 41L, 41L, 41L,
                "verified record x");

        ledger.putEvidenceEntry("topics", "groups", "b", Map.of("phase", "COMMITTED"), List.of(row));
        ledger.putEvidenceEntry("topics", "groups", "a", Map.of("phase", "VERIFIED"), List.of());

        assertThat(ledger.gate("topics").evidence()).containsOnly(
                Map.entry("groups", Map.of("a", Map.of("phase", "VERIFIED"), "b", Map.of("phase", "COMMITTED"))),
                Map.entry("moveMs", 7));
        assertThat(ledger.positions()).extracting(PositionRow::owner, PositionRow::targetOffset).containsExactly(
                tuple("b", 41L));
    }

    @Test
    void an_evidence_entry_with_a_bad_position_changes_nothing() {
        ledger.storePlan(PLAN, GATES);
        PositionRow bad = new PositionRow("neither", "b", "t", 0, null, null, 1L, 1L, 1L, 1L, null);

        assertThatThrownBy(() -> ledger.putEvidenceEntry("topics", "groups", "b", Map.of("phase", "COMMITTED"), List.of(bad)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ledger.gate("topics").evidence()).isEmpty();
    }

    @Test
    void evidence_refuses_objects_that_are_not_plain_json() {
        ledger.storePlan(PLAN, GATES);
        assertThatThrownBy(() -> ledger.putEvidence("topics", Map.of("client", new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("evidence.client");
        assertThat(ledger.gate("topics").evidence()).isEmpty();
    }

    @Test
    void storing_the_same_plan_again_keeps_the_gates() {
        ledger.storePlan(PLAN, GATES);
        ledger.transition("preflight", RUNNING, null);
        ledger.transition("preflight", PASSED, null);

        ledger.storePlan(PLAN, GATES);

        assertThat(ledger.gate("preflight").state()).isEqualTo(PASSED);
        assertThat(ledger.auditTrail()).extracting(AuditEntry::outcome).containsExactly("stored", "unchanged");
    }

    @Test
    void another_plan_is_refused_while_the_cutover_is_in_progress() {
        ledger.storePlan(PLAN, GATES);
        ledger.transition("preflight", RUNNING, null);
        ledger.transition("preflight", PASSED, null);
        ledger.transition("topics", RUNNING, null);

        assertThatThrownBy(() -> ledger.storePlan(OTHER_PLAN, GATES))
                .isInstanceOf(LedgerStateException.class)
                .hasMessageContaining("passed: preflight; running: topics")
                .hasMessageContaining("`cutover rollback`");
        assertThat(ledger.plan()).get().extracting(StoredPlan::fingerprint).isEqualTo("fp-aaaa");
        assertThat(ledger.gate("topics").state()).isEqualTo(RUNNING);
    }

    @Test
    void another_plan_replaces_a_rolled_back_cutover_with_fresh_gates() {
        ledger.storePlan(PLAN, GATES);
        ledger.transition("preflight", RUNNING, null);
        ledger.transition("preflight", PASSED, null);
        ledger.transition("preflight", ROLLED_BACK, null);

        ledger.storePlan(OTHER_PLAN, List.of("preflight", "topics"));

        assertThat(ledger.plan()).get().extracting(StoredPlan::fingerprint).isEqualTo("fp-bbbb");
        assertThat(ledger.gates()).extracting(GateRecord::name, GateRecord::state, GateRecord::attempts)
                .containsExactly(tuple("preflight", PENDING, 0), tuple("topics", PENDING, 0));
        assertThat(ledger.gateEvents("preflight")).singleElement().extracting(GateEvent::to).isEqualTo(PENDING);
    }

    @Test
    void after_a_rollback_with_earlier_gates_still_passed_the_same_plan_starts_a_new_attempt() {
        ledger.storePlan(PLAN, GATES);
        ledger.transition("preflight", RUNNING, null);
        ledger.transition("preflight", PASSED, null);
        ledger.transition("topics", RUNNING, null);
        ledger.transition("topics", PASSED, null);
        ledger.transition("topics", ROLLED_BACK, null);

        ledger.storePlan(PLAN, GATES);

        assertThat(ledger.gates()).extracting(GateRecord::state).containsOnly(PENDING);
        assertThat(ledger.gate("topics").evidence()).isEmpty();
    }

    @Test
    void another_plan_replaces_a_finished_cutover() {
        ledger.storePlan(PLAN, List.of("preflight"));
        ledger.transition("preflight", RUNNING, null);
        ledger.transition("preflight", PASSED, null);

        ledger.storePlan(OTHER_PLAN, GATES);

        assertThat(ledger.gates()).extracting(GateRecord::state).containsOnly(PENDING);
    }
}
