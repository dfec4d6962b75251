package dev.cutover.state;

import java.time.Instant;

/**
 * How instants are written in the ledger: ISO-8601 UTC text at full precision ({@link Instant#toString()}),
 * so they round-trip exactly (a process start instant must compare equal after a round trip).
 */
final class LedgerTime {
    private LedgerTime() {
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static Instant parse(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
