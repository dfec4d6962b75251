package dev.cutover.sandbox.connect;

import java.util.Base64;
import java.util.Map;

/**
 * The source partition and offset the connector commits, in the shape the open-source Pub/Sub API
 * connectors use: one partition per channel, {@code {"channel": "/data/AccountChangeEvent"}},
 * whose offset holds the replay id of the last event written, base64:
 * {@code {"replayId": "AAAAAAAPQmc="}}. This is what the Connect REST offsets API shows and what a
 * cutover carries from one Connect cluster to the other unchanged.
 */
public final class ReplayOffsets {

    public static final String CHANNEL_KEY = "channel";
    public static final String REPLAY_ID_KEY = "replayId";

    private ReplayOffsets() {
    }

    public static Map<String, String> partition(String channel) {
        return Map.of(CHANNEL_KEY, channel);
    }

    public static Map<String, String> offset(byte[] replayId) {
        return Map.of(REPLAY_ID_KEY, Base64.getEncoder().encodeToString(replayId));
    }

    /**
     * The replay id to resume after, or null when nothing was committed yet.
     *
     * @throws IllegalArgumentException if the offset is not a base64 {@code replayId}
     */
    public static byte[] replayId(Map<String, ?> offset) {
        if (offset == null) {
            return null;
        }
        Object value = offset.get(REPLAY_ID_KEY);
        if (!(value instanceof String base64)) {
            throw new IllegalArgumentException("the offset must hold \"" + REPLAY_ID_KEY
                    + "\" as a base64 string, was " + offset);
        }
        return Base64.getDecoder().decode(base64);
    }
}
