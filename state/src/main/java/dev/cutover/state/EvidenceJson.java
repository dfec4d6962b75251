package dev.cutover.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gate evidence as JSON text. Only plain JSON values are accepted (maps with string keys, collections,
 * strings, numbers, booleans, null; instants, durations and enums become their text) so that no object
 * (a client config, a properties bean holding a password) can be serialised into the ledger by accident.
 */
final class EvidenceJson {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
    private final ObjectMapper mapper = new ObjectMapper();

    Map<String, Object> read(String json) {
        try {
            return mapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("gate evidence is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    String write(Map<String, Object> evidence) {
        try {
            return mapper.writeValueAsString(plain(evidence, "evidence"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("evidence cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A list of text lines (e.g. a plan's fingerprint facts) as a JSON array. */
    String writeLines(List<String> lines) {
        try {
            return mapper.writeValueAsString(List.copyOf(lines));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("lines cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    List<String> readLines(String json) {
        try {
            return mapper.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a JSON array of text: " + e.getOriginalMessage(), e);
        }
    }

    /** A copy holding only plain JSON values; {@code path} names the offending value in the error. */
    static Object plain(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Instant || value instanceof Duration || value instanceof Enum<?>) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!(k instanceof String key)) {
                    throw new IllegalArgumentException(path + " has a non-text key " + k);
                }
                copy.put(key, plain(v, path + "." + key));
            });
            return copy;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            List<Object> copy = new ArrayList<>(list.size());
            for (Object v : list) {
                copy.add(plain(v, path + "[" + i++ + "]"));
            }
            return copy;
        }
        throw new IllegalArgumentException(path + " is a " + value.getClass().getName()
                + "; evidence holds only maps, lists, strings, numbers and booleans");
    }
}
