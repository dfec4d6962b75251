package dev.cutover.engine.readiness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.engine.rehearsal.RehearsalCheck;
import dev.cutover.state.Ledger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a rehearsal proved, as it records it in its own ledger when it ends: the plan it ran (by
 * fingerprint), when, and each check's verdict. The scorecard rates a plan green only on this.
 *
 * @param kind   {@code staging} or {@code sandbox}
 * @param checks name to passed, in the order the rehearsal took them
 */
public record RehearsalResult(String kind, String planName, String fingerprint, Instant endedAt, boolean passed,
                              Map<String, Boolean> checks, Map<String, String> details) {

    /** The ledger setting it is kept under. */
    public static final String SETTING = "rehearsal.result";
    private static final ObjectMapper JSON = new ObjectMapper();

    public RehearsalResult {
        checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static RehearsalResult of(String kind, String planName, String fingerprint, Instant endedAt, List<RehearsalCheck> checks) {
        Map<String, Boolean> verdicts = new LinkedHashMap<>();
        Map<String, String> details = new LinkedHashMap<>();
        for (RehearsalCheck c : checks) {
            verdicts.put(c.name(), c.passed());
            details.put(c.name(), c.detail());
        }
        boolean passed = !checks.isEmpty() && checks.stream().allMatch(RehearsalCheck::passed);
        return new RehearsalResult(kind, planName, fingerprint, endedAt, passed, verdicts, details);
    }

    public void save(Ledger ledger) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", kind);
        doc.put("planName", planName);
        doc.put("fingerprint", fingerprint);
        doc.put("endedAt", endedAt.toString());
        doc.put("passed", passed);
        doc.put("checks", checks);
        doc.put("details", details);
        try {
            ledger.putSetting(SETTING, JSON.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and booleans always serializes", e);
        }
    }

    /** The result a ledger holds, if a rehearsal ended in it. */
    public static Optional<RehearsalResult> read(Ledger ledger) {
        Optional<String> text = ledger.setting(SETTING);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Map<String, Object> doc = JSON.readValue(text.get(), new TypeReference<LinkedHashMap<String, Object>>() { });
            @SuppressWarnings("unchecked")
            Map<String, Boolean> checks = (Map<String, Boolean>) doc.get("checks");
            @SuppressWarnings("unchecked")
            Map<String, String> details = (Map<String, String>) doc.get("details");
            return Optional.of(new RehearsalResult((String) doc.get("kind"), (String) doc.get("planName"),
                    (String) doc.get("fingerprint"), Instant.parse((String) doc.get("endedAt")), (Boolean) doc.get("passed"),
                    checks, details == null ? Map.of() : details));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new CutoverException(ExitCode.USAGE, "the rehearsal result in " + ledger.file() + " cannot be read",
                    e.getMessage(), "rehearse again to record a new one");
        }
    }
}
