package dev.cutover.plans;

import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one value of a map of Kafka client properties: {@code clusters.*.properties} and
 * {@code mirror.properties}. The same rules hold wherever such a map appears, because the plan
 * text is stored in the ledger whichever section a secret is written in.
 */
final class ClientProperties {

    private ClientProperties() {
    }

    /**
     * The raw value (placeholders unresolved), or null when it was refused; the reasons are in
     * {@code problems}.
     *
     * @param owner {@code source}, {@code target} or {@code mirror}: names the environment
     *              variable suggested in fixes, e.g. {@code SOURCE_JAAS}
     */
    static String value(YamlMap props, String key, String owner, Problems problems) {
        String field = props.field(key);
        Node valueNode = props.value(key);
        if (valueNode != null && !(valueNode instanceof ScalarNode)) {
            problems.at(valueNode, field, "expected a single value, found " + YamlMap.kind(valueNode),
                    "write it as " + key + ": value");
            return null;
        }
        // An explicitly empty value is legitimate for some client settings
        // (ssl.endpoint.identification.algorithm turns host name checks off).
        String value = valueNode == null ? "" : ((ScalarNode) valueNode).getValue();
        Node at = valueNode == null ? props.keyNode(key) : valueNode;
        String envName = SecretKeys.suggestedEnvName(owner, key);
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
