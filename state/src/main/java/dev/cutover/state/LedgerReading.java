package dev.cutover.state;

import java.time.Instant;

/**
 * One reading of a series over time: {@code mirror-lag} (records still to copy, while in-sync
 * waits) or {@code trigger:NAME} (a rollback trigger's value at one evaluation).
 *
 * @param breached for a trigger: past its threshold at this reading
 */
public record LedgerReading(Instant at, String series, long value, boolean breached) {
}
