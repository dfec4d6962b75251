package dev.cutover.state;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** A mirror progress table ({@code mirror_progress} or {@code reverse_progress}): one row per source partition. */
final class MirrorProgressDao {

    private final String table;

    MirrorProgressDao(MirrorDirection direction) {
        this.table = direction.progressTable(); // from the enum only, never from input
    }

    void upsert(Handle h, Collection<MirrorProgress> rows, Instant now) {
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO %s (topic, partition, next_source_offset, next_target_offset, updated_at)
                VALUES (:topic, :partition, :source, :target, :at)
                ON CONFLICT (topic, partition) DO UPDATE SET
                    next_source_offset = excluded.next_source_offset,
                    next_target_offset = excluded.next_target_offset,
                    updated_at = excluded.updated_at""".formatted(table));
        for (MirrorProgress row : rows) {
            batch.bind("topic", row.topic()).bind("partition", row.partition())
                    .bind("source", row.nextSourceOffset()).bind("target", row.nextTargetOffset())
                    .bind("at", LedgerTime.text(row.updatedAt() == null ? now : row.updatedAt())).add();
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    List<MirrorProgress> list(Handle h) {
        return h.createQuery("""
                        SELECT topic, partition, next_source_offset, next_target_offset, updated_at
                        FROM %s ORDER BY topic, partition""".formatted(table))
                .map((rs, ctx) -> new MirrorProgress(
                        rs.getString("topic"),
                        rs.getInt("partition"),
                        rs.getLong("next_source_offset"),
                        rs.getLong("next_target_offset"),
                        LedgerTime.parse(rs.getString("updated_at"))))
                .list();
    }

    void clear(Handle h) {
        h.execute("DELETE FROM " + table);
    }
}
