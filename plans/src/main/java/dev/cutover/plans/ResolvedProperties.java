package dev.cutover.plans;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The map {@link PropertyResolver} returns: unmodifiable, and its {@code toString()} hides the
 * values of secret keys, because client configs end up in log lines and exception messages.
 */
final class ResolvedProperties extends AbstractMap<String, String> {

    private final Map<String, String> values;

    ResolvedProperties(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return values.entrySet();
    }

    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + (SecretKeys.looksSecret(e.getKey()) ? "[hidden]" : e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
