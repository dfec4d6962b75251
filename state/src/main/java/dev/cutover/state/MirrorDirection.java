package dev.cutover.state;

/**
 * Which way the mirror copies. FORWARD (source to target) until producers switch; REVERSE (target to
 * source) from the switch until finalize or a rollback, so records written on the target after the
 * switch are on the source too. Never both at once: that would copy records back and forth.
 */
public enum MirrorDirection {
    FORWARD("mirror_progress", "mirror_anchors"),
    REVERSE("reverse_progress", "reverse_anchors");

    private final String progressTable;
    private final String anchorTable;

    MirrorDirection(String progressTable, String anchorTable) {
        this.progressTable = progressTable;
        this.anchorTable = anchorTable;
    }

    String progressTable() {
        return progressTable;
    }

    String anchorTable() {
        return anchorTable;
    }

    public String label() {
        return name().toLowerCase();
    }
}
