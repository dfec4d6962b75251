package dev.cutover.state;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code ledger_lock} table: at most one row, the process acting on the ledger. */
final class LockDao {

    /** The lock row; {@code token} is unique per acquisition so a holder never touches a successor's row. */
    record LockRow(String token, long pid, String host, Instant processStart, String command, Instant since,
                   Instant heartbeatAt) {
        LockHolder holder() {
            return new LockHolder(pid, host, command, since, heartbeatAt);
        }
    }

    Optional<LockRow> find(Handle h) {
        return h.createQuery("SELECT token, pid, host, process_start, command, since, heartbeat_at FROM ledger_lock")
                .map((rs, ctx) -> new LockRow(
                        rs.getString("token"),
                        rs.getLong("pid"),
                        rs.getString("host"),
                        LedgerTime.parse(rs.getString("process_start")),   // nullable: the OS may not say
                        rs.getString("command"),
                        LedgerTime.parse(rs.getString("since")),
                        LedgerTime.parse(rs.getString("heartbeat_at"))))
                .findOne();
    }

    /** Writes {@code row} as the lock, replacing a dead holder's row if there is one. */
    void take(Handle h, LockRow row) {
        h.createUpdate("""
                        INSERT OR REPLACE INTO ledger_lock (id, token, pid, host, process_start, command, since, heartbeat_at)
                        VALUES (1, :token, :pid, :host, :processStart, :command, :since, :heartbeat)""")
                .bind("token", row.token()).bind("pid", row.pid()).bind("host", row.host())
                .bind("processStart", LedgerTime.text(row.processStart())).bind("command", row.command())
                .bind("since", LedgerTime.text(row.since())).bind("heartbeat", LedgerTime.text(row.heartbeatAt()))
                .execute();
    }

    /** @return false when the row is no longer ours (taken over after we were presumed dead) */
    boolean heartbeat(Handle h, String token, Instant now) {
        return h.createUpdate("UPDATE ledger_lock SET heartbeat_at = :now WHERE token = :token")
                .bind("now", LedgerTime.text(now)).bind("token", token).execute() == 1;
    }

    void release(Handle h, String token) {
        h.createUpdate("DELETE FROM ledger_lock WHERE token = :token").bind("token", token).execute();
    }
}
