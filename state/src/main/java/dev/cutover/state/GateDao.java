package dev.cutover.state;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@code gates} table (current state of each gate of a plan) and beside it {@code gate_events}, the
 * append-only history: every change of a gate row is written with its event in the caller's transaction.
 */
final class GateDao {
    private static final String COLUMNS = "ordinal, name, state, attempts, started_at, ended_at, evidence, detail";
    private final EvidenceJson json;

    GateDao(EvidenceJson json) {
        this.json = json;
    }

    List<GateRecord> list(Handle h, long planId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM gates WHERE plan_id = :plan ORDER BY ordinal")
                .bind("plan", planId).map((rs, ctx) -> gate(rs)).list();
    }

    Optional<GateRecord> find(Handle h, long planId, String name) {
        return h.createQuery("SELECT " + COLUMNS + " FROM gates WHERE plan_id = :plan AND name = :name")
                .bind("plan", planId).bind("name", name).map((rs, ctx) -> gate(rs)).findOne();
    }

    void insertPending(Handle h, long planId, int ordinal, String name, Instant at) {
        h.createUpdate("INSERT INTO gates (plan_id, ordinal, name, state) VALUES (:plan, :ordinal, :name, 'PENDING')")
                .bind("plan", planId).bind("ordinal", ordinal).bind("name", name).execute();
        appendEvent(h, planId, name, null, GateState.PENDING, at, "planned");
    }

    /** Writes the gate's new state and its history row; {@code from} is the state it was read in. */
    void update(Handle h, long planId, GateRecord gate, GateState from, Instant at) {
        h.createUpdate("""
                        UPDATE gates SET state = :state, attempts = :attempts, started_at = :startedAt,
                                         ended_at = :endedAt, detail = :detail
                        WHERE plan_id = :plan AND name = :name""")
                .bind("state", gate.state().name()).bind("attempts", gate.attempts())
                .bind("startedAt", LedgerTime.text(gate.startedAt())).bind("endedAt", LedgerTime.text(gate.endedAt()))
                .bind("detail", gate.detail()).bind("plan", planId).bind("name", gate.name()).execute();
        appendEvent(h, planId, gate.name(), from, gate.state(), at, gate.detail());
    }

    void updateEvidence(Handle h, long planId, String name, String evidenceJson) {
        h.createUpdate("UPDATE gates SET evidence = :evidence WHERE plan_id = :plan AND name = :name")
                .bind("evidence", evidenceJson).bind("plan", planId).bind("name", name).execute();
    }

    List<GateEvent> events(Handle h, long planId, String gate) {
        return h.createQuery("""
                        SELECT id, gate, from_state, to_state, at, detail FROM gate_events
                        WHERE plan_id = :plan AND gate = :gate ORDER BY id""")
                .bind("plan", planId).bind("gate", gate)
                .map((rs, ctx) -> new GateEvent(
                        rs.getLong("id"),
                        rs.getString("gate"),
                        state(rs.getString("from_state")),            // null: the planning row
                        state(rs.getString("to_state")),
                        LedgerTime.parse(rs.getString("at")),
                        rs.getString("detail")))                      // nullable
                .list();
    }

    private void appendEvent(Handle h, long planId, String gate, GateState from, GateState to, Instant at, String detail) {
        h.createUpdate("""
                        INSERT INTO gate_events (plan_id, gate, from_state, to_state, at, detail)
                        VALUES (:plan, :gate, :from, :to, :at, :detail)""")
                .bind("plan", planId).bind("gate", gate).bind("from", from == null ? null : from.name())
                .bind("to", to.name()).bind("at", LedgerTime.text(at)).bind("detail", detail).execute();
    }

    private GateRecord gate(ResultSet rs) throws SQLException {
        return new GateRecord(
                rs.getInt("ordinal"),
                rs.getString("name"),
                state(rs.getString("state")),
                rs.getInt("attempts"),
                LedgerTime.parse(rs.getString("started_at")),             // null until the first run
                LedgerTime.parse(rs.getString("ended_at")),               // null until it passes or fails
                json.read(rs.getString("evidence")),                      // never null: defaults to {}
                rs.getString("detail"));                                  // nullable
    }

    private static GateState state(String name) {
        return name == null ? null : GateState.valueOf(name);
    }
}
