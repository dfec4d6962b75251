package dev.cutover.state;

import java.time.Instant;

/**
 * The mirror agent as it last reported itself. {@code processStart} tells a live pid from a reused one;
 * {@code state} is free text by convention RUNNING, FAILED or STOPPED; {@code stopRequested} is how
 * {@code cutover} asks the agent to stop (the agent polls it).
 */
public record AgentRecord(long pid, String host, Instant processStart, Instant startedAt, Instant heartbeatAt,
                          String state, String detail, boolean stopRequested) {}
