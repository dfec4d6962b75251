package dev.cutover.engine.consumers;

import dev.cutover.engine.gates.EvidenceEntry;
import java.util.Map;

/** The recorded state of one group's move, under {@code groups.<group>} in move-consumers' evidence. */
public final class GroupMove extends EvidenceEntry<MovePhase> {

    private GroupMove(String group, Map<String, Object> evidence) {
        super("groups", group, evidence, MovePhase.class, MovePhase.PENDING);
    }

    /** Reads the group's entry from the gate's evidence, or a fresh one. */
    public static GroupMove from(String group, Map<String, Object> evidence) {
        return new GroupMove(group, evidence);
    }

    public String group() {
        return name();
    }
}
