package dev.cutover.state;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** The {@code audit} table; append-only (triggers refuse updates and deletes). */
final class AuditDao {

    void append(Handle h, Instant at, String actor, String action, String outcome, String detail) {
        h.createUpdate("INSERT INTO audit (at, actor, action, outcome, detail) VALUES (:at, :actor, :action, :outcome, :detail)")
                .bind("at", LedgerTime.text(at)).bind("actor", actor).bind("action", action)
                .bind("outcome", outcome).bind("detail", detail).execute();
    }

    List<AuditEntry> list(Handle h) {
        return h.createQuery("SELECT id, at, actor, action, outcome, detail FROM audit ORDER BY id")
                .map((rs, ctx) -> new AuditEntry(
                        rs.getLong("id"),
                        LedgerTime.parse(rs.getString("at")),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("outcome"),
                        rs.getString("detail")))       // nullable
                .list();
    }
}
