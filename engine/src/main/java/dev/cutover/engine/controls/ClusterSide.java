package dev.cutover.engine.controls;

/** Which cluster a producer or consumer is made to work against. */
public enum ClusterSide {
    SOURCE, TARGET;

    public String label() {
        return name().toLowerCase();
    }
}
