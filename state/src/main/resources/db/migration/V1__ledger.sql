-- The cutover ledger. Instants are ISO-8601 UTC text (Instant.toString); order by id/ordinal, never by time text.
-- Nothing is deleted: plans, gate rows of replaced plans, gate events and audit entries stay as history.

CREATE TABLE plans (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,  -- the current plan is the highest id
    name        TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    source_file TEXT,
    text        TEXT    NOT NULL,
    stored_at   TEXT    NOT NULL
);

CREATE TABLE gates (
    plan_id    INTEGER NOT NULL REFERENCES plans (id),
    ordinal    INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    state      TEXT    NOT NULL CHECK (state IN ('PENDING', 'RUNNING', 'PASSED', 'FAILED', 'ROLLED_BACK')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    started_at TEXT,
    ended_at   TEXT,
    evidence   TEXT    NOT NULL DEFAULT '{}',       -- a JSON object
    detail     TEXT,
    PRIMARY KEY (plan_id, name),
    UNIQUE (plan_id, ordinal)
);

CREATE TABLE gate_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id    INTEGER NOT NULL,
    gate       TEXT    NOT NULL,
    from_state TEXT,                                -- null: the gate was planned
    to_state   TEXT    NOT NULL,
    at         TEXT    NOT NULL,
    detail     TEXT,
    FOREIGN KEY (plan_id, gate) REFERENCES gates (plan_id, name)
);

CREATE TRIGGER gate_events_no_update BEFORE UPDATE ON gate_events
BEGIN SELECT RAISE(ABORT, 'gate_events is append-only'); END;
CREATE TRIGGER gate_events_no_delete BEFORE DELETE ON gate_events
BEGIN SELECT RAISE(ABORT, 'gate_events is append-only'); END;

CREATE TABLE positions (
    kind             TEXT    NOT NULL CHECK (kind IN ('producer', 'group')),
    owner            TEXT    NOT NULL,              -- producer name or group id
    topic            TEXT    NOT NULL,
    partition        INTEGER NOT NULL,
    replay_id_source TEXT,
    replay_id_target TEXT,
    source_offset    INTEGER,
    target_offset    INTEGER,
    source_commit    INTEGER,
    target_commit    INTEGER,
    note             TEXT,
    updated_at       TEXT    NOT NULL,
    PRIMARY KEY (kind, owner, topic, partition)
);

CREATE TABLE audit (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail  TEXT
);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

-- At most one row: the cutover process acting on this ledger. The token tells our own row from a successor's.
CREATE TABLE ledger_lock (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    token         TEXT    NOT NULL,
    pid           INTEGER NOT NULL,
    host          TEXT    NOT NULL,
    process_start TEXT,                             -- null when the OS would not say
    command       TEXT    NOT NULL,
    since         TEXT    NOT NULL,
    heartbeat_at  TEXT    NOT NULL
);

-- At most one row: the mirror agent process.
CREATE TABLE mirror_agent (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    pid            INTEGER NOT NULL,
    host           TEXT    NOT NULL,
    process_start  TEXT,
    started_at     TEXT    NOT NULL,
    heartbeat_at   TEXT    NOT NULL,
    state          TEXT    NOT NULL,
    detail         TEXT,
    stop_requested INTEGER NOT NULL DEFAULT 0 CHECK (stop_requested IN (0, 1))
);

CREATE TABLE mirror_progress (
    topic              TEXT    NOT NULL,
    partition          INTEGER NOT NULL,
    next_source_offset INTEGER NOT NULL,
    next_target_offset INTEGER NOT NULL,
    updated_at         TEXT    NOT NULL,
    PRIMARY KEY (topic, partition)
);
