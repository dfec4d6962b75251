package dev.cutover.engine.rehearsal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing a rehearsal proved, or failed to.
 *
 * @param evidence what the verdict rests on (offsets, counts, the records compared), as read from
 *                 the clusters; shown in JSON
 */
public record RehearsalCheck(String name, boolean passed, String detail, Map<String, Object> evidence) {

    public RehearsalCheck {
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    public RehearsalCheck(String name, boolean passed, String detail) {
        this(name, passed, detail, Map.of());
    }
}
