package dev.cutover.sandbox;

import java.util.Base64;
import java.util.UUID;

/**
 * A subscription asked to resume from a replay id the bus no longer (or never) holds.
 *
 * <p>Mimics the Pub/Sub API: it answers such a Subscribe with gRPC {@code INVALID_ARGUMENT} and the
 * error code {@link #ERROR_CODE} in the trailers, most often because the id fell out of the 72-hour
 * retention window. Code that carries replay positions between clusters must surface this, not
 * silently resubscribe from LATEST, because that would lose events.
 */
public final class ReplayIdCorruptedException extends RuntimeException {

    public static final String ERROR_CODE = "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted";

    private final String channel;
    private final byte[] replayId;

    ReplayIdCorruptedException(String channel, byte[] replayId, String why) {
        super("INVALID_ARGUMENT: The Replay ID validation failed. Ensure that the Replay ID is valid. "
                + "[error-code=" + ERROR_CODE + ", channel=" + channel + ", replayId="
                + Base64.getEncoder().encodeToString(replayId) + ", " + why + "] rpcId: " + UUID.randomUUID());
        this.channel = channel;
        this.replayId = replayId.clone();
    }

    /** The custom error code Salesforce puts in the gRPC trailers. */
    public String errorCode() {
        return ERROR_CODE;
    }

    public String channel() {
        return channel;
    }

    public byte[] replayId() {
        return replayId.clone();
    }
}
