package dev.cutover.engine.producers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recorded state of one producer's switch: its phase, the position its control reported,
 * and the figures that prove it (kept as plain JSON values in the gate's evidence).
 */
public final class ProducerSwitch {

    private final String producer;
    private final Map<String, Object> facts;

    private ProducerSwitch(String producer, Map<String, Object> facts) {
        this.producer = producer;
        this.facts = facts;
    }

    /** Reads the producer's entry from the gate's evidence, or a fresh one. */
    @SuppressWarnings("unchecked")
    public static ProducerSwitch from(String producer, Map<String, Object> evidence) {
        Object all = evidence.get("producers");
        Object mine = all instanceof Map<?, ?> m ? m.get(producer) : null;
        Map<String, Object> facts = new LinkedHashMap<>();
        if (mine instanceof Map<?, ?> m) {
            facts.putAll((Map<String, Object>) m);
        } else {
            facts.put("phase", SwitchPhase.PENDING.name());
        }
        return new ProducerSwitch(producer, facts);
    }

    public String producer() {
        return producer;
    }

    public SwitchPhase phase() {
        return SwitchPhase.valueOf(String.valueOf(facts.get("phase")));
    }

    public ProducerSwitch phase(SwitchPhase phase) {
        facts.put("phase", phase.name());
        return this;
    }

    /** The position the stop control reported; null before the stop. */
    public ResumePosition position() {
        if (!facts.containsKey("report")) {
            return null;
        }
        return new ResumePosition((String) facts.get("replayId"), (String) facts.get("report"));
    }

    public ProducerSwitch position(ResumePosition position) {
        facts.put("replayId", position.replayId());
        facts.put("report", position.report());
        return this;
    }

    public ProducerSwitch put(String key, Object value) {
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
