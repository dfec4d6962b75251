package dev.cutover.engine.consumers;

import dev.cutover.engine.run.EvidenceEntry;
import dev.cutover.state.Ledger;
import dev.cutover.state.PositionRow;
import java.util.List;
import java.util.Map;

/** The recorded state of one group's move, under {@code groups.<group>} in move-consumers' evidence. */
public final class GroupMove extends EvidenceEntry<MovePhase> {

    private static final String SECTION = "groups";

    private GroupMove(String group, Map<String, Object> evidence) {
        super(SECTION, group, evidence, MovePhase.class, MovePhase.PENDING);
    }

    /** Reads the group's entry from the gate's evidence, or a fresh one. */
    public static GroupMove from(String group, Map<String, Object> evidence) {
        return new GroupMove(group, evidence);
    }

    public String group() {
        return name();
    }

    /** Records this group's entry, and the position rows it reached, in {@code gate}'s evidence in one transaction. */
    public void save(Ledger ledger, String gate, List<PositionRow> positions) {
        ledger.putEvidenceEntry(gate, SECTION, group(), facts(), positions);
    }
}
