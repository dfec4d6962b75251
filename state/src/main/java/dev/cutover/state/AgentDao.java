package dev.cutover.state;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code mirror_agent} table: at most one row, the agent that registered last. */
final class AgentDao {

    void register(Handle h, long pid, String host, Instant processStart, Instant now) {
        h.createUpdate("""
                        INSERT OR REPLACE INTO mirror_agent
                            (id, pid, host, process_start, started_at, heartbeat_at, state, detail, stop_requested)
                        VALUES (1, :pid, :host, :processStart, :now, :now, 'RUNNING', NULL, 0)""")
                .bind("pid", pid).bind("host", host).bind("processStart", LedgerTime.text(processStart))
                .bind("now", LedgerTime.text(now)).execute();
    }

    /** @return false when no agent with that pid is registered (it was replaced or never registered) */
    boolean heartbeat(Handle h, long pid, String state, String detail, Instant now) {
        return h.createUpdate("UPDATE mirror_agent SET heartbeat_at = :now, state = :state, detail = :detail WHERE pid = :pid")
                .bind("now", LedgerTime.text(now)).bind("state", state).bind("detail", detail).bind("pid", pid)
                .execute() == 1;
    }

    void requestStop(Handle h) {
        h.execute("UPDATE mirror_agent SET stop_requested = 1");
    }

    Optional<AgentRecord> find(Handle h) {
        return h.createQuery("""
                        SELECT pid, host, process_start, started_at, heartbeat_at, state, detail, stop_requested
                        FROM mirror_agent""")
                .map((rs, ctx) -> new AgentRecord(
                        rs.getLong("pid"),
                        rs.getString("host"),
                        LedgerTime.parse(rs.getString("process_start")),   // nullable: the OS may not say
                        LedgerTime.parse(rs.getString("started_at")),
                        LedgerTime.parse(rs.getString("heartbeat_at")),
                        rs.getString("state"),
                        rs.getString("detail"),                            // nullable
                        rs.getInt("stop_requested") == 1))
                .findOne();
    }
}
