package dev.cutover.sandbox;

import java.util.Base64;

/**
 * One committed record as {@link TopicReader} read it.
 *
 * @param replayId the {@value BridgeProducer#REPLAY_ID_HEADER} header, or null when absent
 */
public record TopicRecord(String topic, int partition, long offset, String key, byte[] replayId, String value) {

    /** The replay id as base64, null when the record had none. */
    public String replayIdBase64() {
        return replayId == null ? null : Base64.getEncoder().encodeToString(replayId);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset + " key=" + key + " replayId=" + replayIdBase64();
    }
}
