package dev.cutover.plans;

/** {@code mirror.engine}: where MirrorMaker 2 runs. */
public enum MirrorEngine {
    /** MirrorMaker 2 connectors inside the cutover process. */
    EMBEDDED("embedded"),
    /** MirrorMaker 2 connectors on an existing Kafka Connect cluster ({@code mirror.connect.url}). */
    CONNECT("connect");

    private final String label;

    MirrorEngine(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
