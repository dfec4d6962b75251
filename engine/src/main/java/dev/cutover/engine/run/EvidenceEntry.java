package dev.cutover.engine.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One named entry of a gate's evidence that records how far a multi-step action got for one thing
 * (a producer's switch, a group's move): its phase and the figures that prove it, as plain JSON
 * values under {@code <section>.<name>}. A resumed gate reads it back and continues from the phase.
 *
 * @param <P> the phases, in order
 */
public abstract class EvidenceEntry<P extends Enum<P>> {

    private final String name;
    private final Class<P> phases;
    private final Map<String, Object> facts;

    @SuppressWarnings("unchecked")
    protected EvidenceEntry(String section, String name, Map<String, Object> evidence, Class<P> phases, P initial) {
        this.name = name;
        this.phases = phases;
        this.facts = new LinkedHashMap<>();
        Object all = evidence.get(section);
        Object mine = all instanceof Map<?, ?> m ? m.get(name) : null;
        if (mine instanceof Map<?, ?> m) {
            facts.putAll((Map<String, Object>) m);
        } else {
            facts.put("phase", initial.name());
        }
    }

    protected String name() {
        return name;
    }

    public P phase() {
        return Enum.valueOf(phases, String.valueOf(facts.get("phase")));
    }

    public EvidenceEntry<P> phase(P phase) {
        facts.put("phase", phase.name());
        return this;
    }

    public EvidenceEntry<P> put(String key, Object value) {
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
