package dev.cutover.sandbox;

import java.util.Base64;

/**
 * One event as a Pub/Sub API subscriber receives it.
 *
 * @param replayId          opaque position of the event on its channel; compare only for equality
 * @param channel           e.g. {@code /data/AccountChangeEvent}
 * @param recordId          the first id of the header's {@code recordIds}; null for overflow events,
 *                          which name no record
 * @param payloadJson       the change event, shaped like a decoded CDC event
 * @param publishedAtMillis when the bus stored it (bus clock), which is what retention counts from
 */
public record BusEvent(byte[] replayId, String channel, String recordId, String payloadJson, long publishedAtMillis) {

    public BusEvent {
        replayId = replayId.clone();
    }

    @Override
    public byte[] replayId() {
        return replayId.clone();
    }

    /** The replay id as base64, the form it travels in JSON and on command lines. */
    public String replayIdBase64() {
        return Base64.getEncoder().encodeToString(replayId);
    }

    @Override
    public String toString() {
        return "BusEvent[" + channel + " " + replayIdBase64() + " " + recordId + "]";
    }
}
