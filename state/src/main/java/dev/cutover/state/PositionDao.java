package dev.cutover.state;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** The {@code positions} table: one row per (kind, owner, topic, partition). */
final class PositionDao {

    /** Replaces the whole row: a null column is stored as null (unknown), it does not keep an older value. */
    void upsert(Handle h, PositionRow row, Instant at) {
        h.createUpdate("""
                        INSERT INTO positions (kind, owner, topic, partition, replay_id_source, replay_id_target,
                                               source_offset, target_offset, source_commit, target_commit, note, updated_at)
                        VALUES (:kind, :owner, :topic, :partition, :replayIdSource, :replayIdTarget,
                                :sourceOffset, :targetOffset, :sourceCommit, :targetCommit, :note, :at)
                        ON CONFLICT (kind, owner, topic, partition) DO UPDATE SET
                            replay_id_source = excluded.replay_id_source, replay_id_target = excluded.replay_id_target,
                            source_offset = excluded.source_offset, target_offset = excluded.target_offset,
                            source_commit = excluded.source_commit, target_commit = excluded.target_commit,
                            note = excluded.note, updated_at = excluded.updated_at""")
                .bind("kind", row.kind()).bind("owner", row.owner()).bind("topic", row.topic())
                .bind("partition", row.partition())
                .bind("replayIdSource", row.replayIdSource()).bind("replayIdTarget", row.replayIdTarget())
                // Typed binds: a null Long must go in as SQL NULL of an integer column, not as text.
                .bindByType("sourceOffset", row.sourceOffset(), Long.class)
                .bindByType("targetOffset", row.targetOffset(), Long.class)
                .bindByType("sourceCommit", row.sourceCommit(), Long.class)
                .bindByType("targetCommit", row.targetCommit(), Long.class)
                .bind("note", row.note()).bind("at", LedgerTime.text(at)).execute();
    }

    List<PositionRow> list(Handle h) {
        return h.createQuery("""
                        SELECT kind, owner, topic, partition, replay_id_source, replay_id_target, source_offset,
                               target_offset, source_commit, target_commit, note
                        FROM positions ORDER BY kind DESC, owner, topic, partition""")   // producers before groups
                .map((rs, ctx) -> new PositionRow(
                        rs.getString("kind"),
                        rs.getString("owner"),
                        rs.getString("topic"),
                        rs.getInt("partition"),
                        rs.getString("replay_id_source"),        // nullable text
                        rs.getString("replay_id_target"),        // nullable text
                        nullableLong(rs, "source_offset"),       // nullable: getLong would turn NULL into 0
                        nullableLong(rs, "target_offset"),
                        nullableLong(rs, "source_commit"),
                        nullableLong(rs, "target_commit"),
                        rs.getString("note")))
                .list();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
