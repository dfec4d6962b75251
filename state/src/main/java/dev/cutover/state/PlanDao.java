package dev.cutover.state;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code plans} table: every plan ever stored; the current one has the highest id. */
final class PlanDao {

    private final EvidenceJson json = new EvidenceJson();

    /** A stored plan with the id its gates hang off. */
    record PlanRow(long id, StoredPlan plan) {}

    Optional<PlanRow> current(Handle h) {
        return h.createQuery("SELECT id, name, fingerprint, source_file, text, stored_at FROM plans ORDER BY id DESC LIMIT 1")
                .map((rs, ctx) -> new PlanRow(rs.getLong("id"), new StoredPlan(
                        rs.getString("name"),
                        rs.getString("fingerprint"),
                        rs.getString("source_file"),              // nullable: a plan need not come from a file
                        rs.getString("text"),
                        LedgerTime.parse(rs.getString("stored_at")))))
                .findOne();
    }

    long insert(Handle h, StoredPlan plan) {
        return h.createUpdate("""
                        INSERT INTO plans (name, fingerprint, source_file, text, stored_at)
                        VALUES (:name, :fingerprint, :sourceFile, :text, :storedAt)""")
                .bind("name", plan.name()).bind("fingerprint", plan.fingerprint()).bind("sourceFile", plan.sourceFile())
                .bind("text", plan.text()).bind("storedAt", LedgerTime.text(plan.storedAt()))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** Replaces the fingerprint facts of the plan with {@code id}. */
    void storeFacts(Handle h, long id, List<String> facts) {
        h.createUpdate("UPDATE plans SET facts = :facts WHERE id = :id")
                .bind("facts", json.writeLines(facts)).bind("id", id).execute();
    }

    /** The fingerprint facts of the current plan; empty if none were stored. */
    List<String> currentFacts(Handle h) {
        return h.createQuery("SELECT facts FROM plans ORDER BY id DESC LIMIT 1").mapTo(String.class).findOne()
                .map(json::readLines).orElse(List.of());
    }

    /** Same fingerprint stored again: the file name, text or time may differ, the plan (and its gates) does not. */
    void refresh(Handle h, long id, StoredPlan plan) {
        h.createUpdate("UPDATE plans SET name = :name, source_file = :sourceFile, text = :text, stored_at = :storedAt WHERE id = :id")
                .bind("name", plan.name()).bind("sourceFile", plan.sourceFile()).bind("text", plan.text())
                .bind("storedAt", LedgerTime.text(plan.storedAt())).bind("id", id).execute();
    }
}
