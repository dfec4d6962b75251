package dev.cutover.engine.producers;

import dev.cutover.engine.run.EvidenceEntry;
import java.util.Map;

/**
 * The recorded state of one producer's switch, under {@code producers.<producer>} in
 * switch-producers' evidence: its phase, the position its control reported, and the figures that
 * prove it.
 */
public final class ProducerSwitch extends EvidenceEntry<SwitchPhase> {

    private ProducerSwitch(String producer, Map<String, Object> evidence) {
        super("producers", producer, evidence, SwitchPhase.class, SwitchPhase.PENDING);
    }

    /** Reads the producer's entry from the gate's evidence, or a fresh one. */
    public static ProducerSwitch from(String producer, Map<String, Object> evidence) {
        return new ProducerSwitch(producer, evidence);
    }

    public String producer() {
        return name();
    }

    /** The position the stop control reported; null before the stop. */
    public ResumePosition position() {
        if (!facts().containsKey("report")) {
            return null;
        }
        return new ResumePosition((String) get("replayId"), (String) get("report"));
    }

    public ProducerSwitch position(ResumePosition position) {
        put("replayId", position.replayId());
        put("report", position.report());
        return this;
    }
}
