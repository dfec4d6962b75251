package dev.cutover.engine.triggers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.state.Ledger;
import dev.cutover.state.LedgerReading;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes trigger evaluations to the ledger: the latest reading of every trigger (setting
 * {@code triggers.latest}, which {@code status} shows), and an audit entry when a breach begins,
 * is confirmed, or clears. Unchanged evaluations add no audit entries.
 */
public final class EvaluationLog {

    public static final String LATEST = "triggers.latest";
    /** Each trigger's readings over time are the series {@code trigger:NAME}. */
    public static final String SERIES_PREFIX = "trigger:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Ledger ledger;
    private final String who;
    private final Set<String> breached = new HashSet<>();
    private final Set<String> confirmed = new HashSet<>();

    /** @param who what evaluates, for the audit trail: "observe" or "watch" */
    public EvaluationLog(Ledger ledger, String who) {
        this.ledger = ledger;
        this.who = who;
    }

    public void record(Evaluation evaluation) {
        Map<String, Object> latest = new LinkedHashMap<>();
        latest.put("at", evaluation.at().toString());
        latest.put("by", who);
        Map<String, Object> triggers = new LinkedHashMap<>();
        for (Reading r : evaluation.readings()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("kind", r.kind());
            t.put("value", r.value());
            t.put("text", r.valueText());
            t.put("threshold", r.threshold());
            t.put("breached", r.breached());
            triggers.put(r.trigger(), t);
        }
        for (TriggerFailure f : evaluation.failures()) {
            triggers.put(f.trigger(), Map.of("error", f.message()));
        }
        latest.put("triggers", triggers);
        ledger.addReadings(evaluation.readings().stream()
                .map(r -> new LedgerReading(evaluation.at(), SERIES_PREFIX + r.trigger(), r.value(), r.breached())).toList());
        try {
            ledger.putSetting(LATEST, JSON.writeValueAsString(latest));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("trigger readings are plain values", e);
        }
        Set<String> now = new HashSet<>();
        for (Breach b : evaluation.breaches()) {
            now.add(b.trigger());
            if (breached.add(b.trigger())) {
                ledger.audit("trigger " + b.trigger(), "breached", who + ": " + b.describe());
            }
            if (b.confirmed() && confirmed.add(b.trigger())) {
                ledger.audit("trigger " + b.trigger(), "confirmed", who + ": " + b.describe());
            }
        }
        for (String t : List.copyOf(breached)) {
            if (!now.contains(t)) {
                breached.remove(t);
                confirmed.remove(t);
                ledger.audit("trigger " + t, "cleared", who);
            }
        }
    }
}
