package dev.cutover.sandbox;

/** Where a bus subscription starts; the same three presets as the Pub/Sub API's {@code ReplayPreset}. */
public enum ReplayPreset {
    /** Only events published after the subscription was made. */
    LATEST,
    /** The oldest event still inside the retention window. */
    EARLIEST,
    /** Strictly after a replay id the subscriber stored earlier. */
    CUSTOM
}
