package dev.cutover.plans;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

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
        String field = props.field(key);
        Node valueNode = props.value(key);
        if (key.equals("bootstrap.servers")) {
            problems.at(props.keyNode(key), field, "the brokers are set by clusters." + role + ".bootstrap",
                    "move the address to clusters." + role + ".bootstrap and remove bootstrap.servers here");
            return null;
        }
        if (valueNode != null && !(valueNode instanceof ScalarNode)) {
            problems.at(valueNode, field, "expected a single value, found " + YamlMap.kind(valueNode),
                    "write it as " + key + ": value");
            return null;
        }
        // An explicitly empty value is legitimate for some client settings
        // (ssl.endpoint.identification.algorithm turns host name checks off).
        String value = valueNode == null ? "" : ((ScalarNode) valueNode).getValue();
        Node at = valueNode == null ? props.keyNode(key) : valueNode;
        String envName = SecretKeys.suggestedEnvName(role, key);
        Optional<String> syntax = Placeholders.syntaxProblem(value);
        if (syntax.isPresent()) {
            problems.at(at, field, syntax.get(), "use ${env:NAME} or ${file:PATH}, e.g. "
                    + key + ": ${env:" + envName + "}");
            return null;
        }
        if (SecretKeys.looksSecret(key) && !Placeholders.isSinglePlaceholder(value)) {
            // Never echo the value: it is the secret.
            problems.at(at, field, "holds a literal secret, which would be stored in the ledger with the plan",
                    "put the value in an environment variable or a file and write " + key
                            + ": ${env:" + envName + "} (or ${file:/path/to/secret})");
            return null;
        }
        return value;
    }
}
