-- The reverse mirror (target -> source), started when producers switch so that records written to
-- the target after the switch also reach the source: a rollback then loses none of them. Its
-- positions and anchors mirror the forward tables, "source" meaning the reverse mirror's source
-- (the target cluster). Only one direction runs at a time (see settings 'mirror.direction').
CREATE TABLE reverse_progress (
    topic              TEXT    NOT NULL,
    partition          INTEGER NOT NULL,
    next_source_offset INTEGER NOT NULL,
    next_target_offset INTEGER NOT NULL,
    updated_at         TEXT    NOT NULL,
    PRIMARY KEY (topic, partition)
);

CREATE TABLE reverse_anchors (
    topic         TEXT    NOT NULL,
    partition     INTEGER NOT NULL,
    source_offset INTEGER NOT NULL,
    target_offset INTEGER NOT NULL,
    PRIMARY KEY (topic, partition, source_offset)
);

-- Small named facts that steer long-running parts (e.g. which direction the mirror agent copies).
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
