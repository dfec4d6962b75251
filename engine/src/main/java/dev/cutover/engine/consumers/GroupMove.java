package dev.cutover.engine.consumers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recorded state of one group's move: its phase and the figures that prove it, as plain JSON
 * values in the gate's evidence under {@code groups.<group>}.
 */
public final class GroupMove {

    private final String group;
    private final Map<String, Object> facts;

    private GroupMove(String group, Map<String, Object> facts) {
        this.group = group;
        this.facts = facts;
    }

    /** Reads the group's entry from the gate's evidence, or a fresh one. */
    @SuppressWarnings("unchecked")
    public static GroupMove from(String group, Map<String, Object> evidence) {
        Object all = evidence.get("groups");
        Object mine = all instanceof Map<?, ?> m ? m.get(group) : null;
        Map<String, Object> facts = new LinkedHashMap<>();
        if (mine instanceof Map<?, ?> m) {
            facts.putAll((Map<String, Object>) m);
        } else {
            facts.put("phase", MovePhase.PENDING.name());
        }
        return new GroupMove(group, facts);
    }

    public String group() {
        return group;
    }

    public MovePhase phase() {
        return MovePhase.valueOf(String.valueOf(facts.get("phase")));
    }

    public GroupMove phase(MovePhase phase) {
        facts.put("phase", phase.name());
        return this;
    }

    public GroupMove put(String key, Object value) {
        facts.put(key, value);
        return this;
    }

    public Object get(String key) {
        return facts.get(key);
    }

    public Map<String, Object> facts() {
        return facts;
    }
}
