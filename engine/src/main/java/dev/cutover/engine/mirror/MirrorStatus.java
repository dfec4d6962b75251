package dev.cutover.engine.mirror;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of an {@link EmbeddedMirror}: its state, since when, and for {@code FAILED} the
 * message and the failure (a {@link MirrorDataLossException} when source records vanished).
 */
public record MirrorStatus(MirrorState state, Instant since, String message, Throwable failure) {

    public Optional<Throwable> failureCause() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return state + (message == null ? "" : ": " + message) + " (since " + since + ")";
    }
}
