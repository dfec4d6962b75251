package dev.cutover.state;

import java.time.Instant;

/** Who holds the ledger: the process, the command it runs, since when, and its last heartbeat. */
public record LockHolder(long pid, String host, String command, Instant since, Instant heartbeat) {}
