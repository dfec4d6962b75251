package dev.cutover.plans;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One side of the cutover as written in the plan.
 *
 * @param bootstrap  host:port[,host:port], or a placeholder
 * @param properties Kafka client properties, raw: values may hold {@code ${env:X}} and
 *                   {@code ${file:PATH}} placeholders, resolved only at run time by
 *                   {@link PropertyResolver} so resolved secrets never reach the ledger
 */
public record ClusterSpec(String bootstrap, Map<String, String> properties) {

    public ClusterSpec {
        // Insertion order kept so the plan reads back the way it was written.
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
