-- Where runs of copied records start: the mirror wrote the record at source_offset to
-- target_offset, and the records after it follow one for one until the next anchor. An anchor is
-- kept at the first record of every copy run and after every gap in the source offsets
-- (compaction, transaction markers, aborted records), so any copied source offset translates to
-- its exact target offset without reading either log. Saved in the same transaction as
-- mirror_progress, never past it.
CREATE TABLE mirror_anchors (
    topic         TEXT    NOT NULL,
    partition     INTEGER NOT NULL,
    source_offset INTEGER NOT NULL,
    target_offset INTEGER NOT NULL,
    PRIMARY KEY (topic, partition, source_offset)
);
