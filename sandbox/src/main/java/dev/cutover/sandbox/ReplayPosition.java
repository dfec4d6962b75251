package dev.cutover.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Arrays;
import java.util.Base64;

/**
 * Where a producer resumes on its Salesforce channel: strictly after {@code replayId}.
 *
 * <p>This is what a producer's stop control reports and its start control receives, so the bytes
 * are carried unchanged and only ever compared for equality. In JSON and on command lines it is
 * base64 (Jackson writes a {@code byte[]} component as base64). The empty id, {@link #EARLIEST},
 * means "nothing written yet: start at the oldest retained event".
 */
public record ReplayPosition(byte[] replayId) {

    public static final ReplayPosition EARLIEST = new ReplayPosition(new byte[0]);

    public ReplayPosition {
        if (replayId == null) {
            throw new IllegalArgumentException("replayId must not be null; use ReplayPosition.EARLIEST");
        }
        replayId = replayId.clone();
    }

    /** Parses the base64 form; the empty string is {@link #EARLIEST}. */
    public static ReplayPosition fromBase64(String base64) {
        if (base64 == null || base64.isBlank()) {
            return EARLIEST;
        }
        return new ReplayPosition(Base64.getDecoder().decode(base64.trim()));
    }

    @Override
    public byte[] replayId() {
        return replayId.clone();
    }

    @JsonIgnore
    public boolean isEarliest() {
        return replayId.length == 0;
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(replayId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplayPosition other && Arrays.equals(replayId, other.replayId);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(replayId);
    }

    @Override
    public String toString() {
        return base64();
    }
}
