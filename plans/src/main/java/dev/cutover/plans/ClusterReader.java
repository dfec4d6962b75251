package dev.cutover.plans;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code clusters.source} and {@code clusters.target}. */
final class ClusterReader {

    private ClusterReader() {
    }

    /** Null when the cluster could not be read; the reasons are in {@code problems}. */
    static ClusterSpec read(YamlMap clusters, String role, Problems problems) {
        YamlMap cluster = clusters.requiredMap(role, role + ": {bootstrap: kafka-1:9092}");
        if (cluster == null) {
            return null;
        }
        int before = problems.count();
        cluster.allowOnly(List.of("bootstrap", "properties"));
        String bootstrap = cluster.requiredString("bootstrap", "bootstrap: kafka-1:9092,kafka-2:9092");
        if (bootstrap != null) {
            checkBootstrap(cluster, bootstrap, problems);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        YamlMap props = cluster.map("properties", "properties: {security.protocol: SASL_SSL}");
        if (props != null) {
            for (String key : props.keys()) {
                String value = property(props, key, role, problems);
                if (value != null) {
                    properties.put(key, value);
                }
            }
        }
        return problems.count() > before ? null : new ClusterSpec(bootstrap.trim(), properties);
    }

    private static void checkBootstrap(YamlMap cluster, String bootstrap, Problems problems) {
        Node at = cluster.value("bootstrap");
        String field = cluster.field("bootstrap");
        if (Placeholders.contains(bootstrap)) {
            // The address is only known at run time; its syntax is checked then.
            Placeholders.syntaxProblem(bootstrap).ifPresent(p -> problems.at(at, field, p,
                    "use ${env:NAME} or ${file:PATH}, e.g. bootstrap: ${env:SOURCE_BOOTSTRAP}"));
            return;
        }
        BootstrapAddress.problem(bootstrap).ifPresent(p -> problems.at(at, field, p,
                "list the brokers as host:port separated by commas, e.g. bootstrap: kafka-1:9092,kafka-2:9092"));
    }

    private static String property(YamlMap props, String key, String role, Problems problems) {
        if (key.equals("bootstrap.servers")) {
            problems.at(props.keyNode(key), props.field(key), "the brokers are set by clusters." + role + ".bootstrap",
                    "move the address to clusters." + role + ".bootstrap and remove bootstrap.servers here");
            return null;
        }
        return ClientProperties.value(props, key, role, problems);
    }
}
