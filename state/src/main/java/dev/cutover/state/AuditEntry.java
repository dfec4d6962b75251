package dev.cutover.state;

import java.time.Instant;

/** One entry of the append-only audit trail; {@code actor} is "user@host pid N" of the process that wrote it. */
public record AuditEntry(long id, Instant at, String actor, String action, String outcome, String detail) {}
