package dev.cutover.engine.connect;

/**
 * The plan's Kafka Connect cluster cannot run the mirror with its guarantees: what is missing (the
 * message) and what to change on the workers (the remedy), apart, as the commands print them.
 */
public final class ConnectMirrorRefused extends Exception {

    private final String remedy;

    public ConnectMirrorRefused(String message, String remedy) {
        super(message);
        this.remedy = remedy;
    }

    public String remedy() {
        return remedy;
    }
}
