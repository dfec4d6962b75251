package dev.cutover.plans;

import java.util.Arrays;

/** The gates, declared in the order they run (contract section 2). */
public enum GateName {
    PREFLIGHT("preflight"),
    TOPICS("topics"),
    MIRROR("mirror"),
    IN_SYNC("in-sync"),
    SWITCH_PRODUCERS("switch-producers"),
    MOVE_CONSUMERS("move-consumers"),
    OBSERVE("observe"),
    FINALIZE("finalize");

    private final String label;

    GateName(String label) {
        this.label = label;
    }

    /** The name users type and see ({@code cutover run --until in-sync}). */
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException naming the valid labels */
    public static GateName fromLabel(String label) {
        return Arrays.stream(values())
                .filter(g -> g.label.equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown gate \"" + label + "\"; gates are: "
                        + String.join(", ", Arrays.stream(values()).map(GateName::label).toList())));
    }
}
