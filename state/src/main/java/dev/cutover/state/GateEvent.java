package dev.cutover.state;

import java.time.Instant;

/** One row of a gate's append-only history; {@code from} is null for the row written when the gate was planned. */
public record GateEvent(long id, String gate, GateState from, GateState to, Instant at, String detail) {}
