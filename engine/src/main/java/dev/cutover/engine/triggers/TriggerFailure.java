package dev.cutover.engine.triggers;

import java.time.Instant;

/**
 * A trigger that could not take its reading at an evaluation.
 *
 * @param message what could not be read and why (see {@link TriggerException})
 */
public record TriggerFailure(String trigger, String kind, String message, Instant at) {
}
