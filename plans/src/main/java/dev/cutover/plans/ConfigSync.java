package dev.cutover.plans;

/** {@code topics.configs}: whether topic-level config overrides are copied to the target. */
public enum ConfigSync {
    SYNC("sync"),
    NONE("none");

    private final String label;

    ConfigSync(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
