package dev.cutover.engine.consumers;

/** One group's move failed; the message says why and where the group is now, the remedy what to do. */
public final class GroupMoveFailed extends Exception {

    private final String remedy;

    public GroupMoveFailed(String message, String remedy) {
        super(message);
        this.remedy = remedy;
    }

    public String remedy() {
        return remedy;
    }
}
