package dev.cutover.state;

import java.time.Instant;
import java.util.Map;

/**
 * The current state of one gate of the stored plan; {@code ordinal} is its 1-based place in the plan. {@code startedAt}/{@code endedAt} are null until
 * the gate first runs/ends; {@code evidence} is never null (empty until something was recorded);
 * {@code detail} is the detail of the last transition, may be null.
 */
public record GateRecord(int ordinal, String name, GateState state, int attempts, Instant startedAt, Instant endedAt,
                         Map<String, Object> evidence, String detail) {}
