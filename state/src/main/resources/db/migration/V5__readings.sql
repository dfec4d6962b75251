-- Readings taken over time, for the report's plots: the mirror's lag while in-sync waits, each
-- rollback trigger's value at every evaluation. Append-only; a reading is a number in its series'
-- unit (records, milliseconds, an exit code), nothing secret.
CREATE TABLE readings (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT    NOT NULL,
    series   TEXT    NOT NULL,
    value    INTEGER NOT NULL,
    breached INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX readings_by_series ON readings (series, id);
