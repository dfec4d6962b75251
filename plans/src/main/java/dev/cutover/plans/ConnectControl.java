package dev.cutover.plans;

/**
 * {@code type: connect}: a Kafka Connect connector moved from one Connect cluster to another;
 * its offsets (as the Connect REST API returns them) carry the replay position unchanged.
 */
public record ConnectControl(String sourceUrl, String targetUrl, String connector) implements ControlSpec {

    @Override
    public String type() {
        return "connect";
    }
}
