package dev.cutover.state;

import java.util.Collection;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** An offset anchor table ({@code mirror_anchors} or {@code reverse_anchors}). */
final class OffsetAnchorDao {

    private final String table;

    OffsetAnchorDao(MirrorDirection direction) {
        this.table = direction.anchorTable(); // from the enum only, never from input
    }

    void upsert(Handle h, Collection<OffsetAnchor> anchors) {
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO %s (topic, partition, source_offset, target_offset)
                VALUES (:topic, :partition, :source, :target)
                ON CONFLICT (topic, partition, source_offset) DO UPDATE SET target_offset = excluded.target_offset""".formatted(table));
        for (OffsetAnchor a : anchors) {
            batch.bind("topic", a.topic()).bind("partition", a.partition())
                    .bind("source", a.sourceOffset()).bind("target", a.targetOffset()).add();
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    /** The anchor with the greatest source offset at or below {@code sourceOffset}. */
    Optional<OffsetAnchor> atOrBefore(Handle h, String topic, int partition, long sourceOffset) {
        return h.createQuery("""
                        SELECT topic, partition, source_offset, target_offset FROM %s
                        WHERE topic = :topic AND partition = :partition AND source_offset <= :offset
                        ORDER BY source_offset DESC LIMIT 1""".formatted(table))
                .bind("topic", topic).bind("partition", partition).bind("offset", sourceOffset)
                .map((rs, ctx) -> new OffsetAnchor(rs.getString("topic"), rs.getInt("partition"),
                        rs.getLong("source_offset"), rs.getLong("target_offset")))
                .findOne();
    }

    /** The anchor with the greatest target offset at or below {@code targetOffset}. */
    Optional<OffsetAnchor> atOrBeforeTarget(Handle h, String topic, int partition, long targetOffset) {
        return h.createQuery("""
                        SELECT topic, partition, source_offset, target_offset FROM %s
                        WHERE topic = :topic AND partition = :partition AND target_offset <= :offset
                        ORDER BY target_offset DESC LIMIT 1""".formatted(table))
                .bind("topic", topic).bind("partition", partition).bind("offset", targetOffset)
                .map((rs, ctx) -> new OffsetAnchor(rs.getString("topic"), rs.getInt("partition"),
                        rs.getLong("source_offset"), rs.getLong("target_offset")))
                .findOne();
    }

    long count(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one();
    }

    void clear(Handle h) {
        h.execute("DELETE FROM " + table);
    }
}
