package dev.cutover.plans;

import java.util.List;
import java.util.Locale;

/**
 * Which client property keys hold secrets. Their values must be placeholders: the plan text is
 * stored in the ledger, and a literal password there outlives the cutover.
 */
final class SecretKeys {

    private static final List<String> SECRET_PARTS = List.of("password", "secret", "token", "credential");

    /**
     * Keys that contain a secret-sounding word but name a location, a type or an endpoint, like
     * {@code ssl.keystore.location} or {@code sasl.oauthbearer.token.endpoint.url}. Forcing a
     * placeholder on those would only teach people to ignore the rule.
     */
    private static final List<String> NOT_SECRET_SUFFIXES =
            List.of(".location", ".type", ".url", ".class", ".algorithm", ".ms", ".mechanism");

    private SecretKeys() {
    }

    static boolean looksSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.equals("sasl.jaas.config")) {
            return true;
        }
        if (NOT_SECRET_SUFFIXES.stream().anyMatch(k::endsWith)) {
            return false;
        }
        return k.startsWith("ssl.key") || SECRET_PARTS.stream().anyMatch(k::contains);
    }

    /** An environment variable name to suggest: source + sasl.jaas.config gives SOURCE_JAAS. */
    static String suggestedEnvName(String clusterRole, String key) {
        String base = key.equalsIgnoreCase("sasl.jaas.config") ? "jaas" : key;
        return (clusterRole + "_" + base).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    }
}
