package dev.cutover.plans;

import java.util.List;
import java.util.Locale;

/**
 * Which client property keys hold secrets. Their values must be placeholders: the plan text is
 * stored in the ledger, and a literal password there outlives the cutover.
 */
final class SecretKeys {

    /** Also HTTP header names ({@code mirror.connect.headers}): Authorization, Cookie, X-Api-Key. */
    private static final List<String> SECRET_PARTS =
            List.of("password", "secret", "token", "credential", "authorization", "cookie", "api-key", "apikey");

    /**
     * Keys that contain a secret-sounding word but name a location, a type or an endpoint, like
     * {@code ssl.keystore.location} or {@code sasl.oauthbearer.token.endpoint.url}. Forcing a
     * placeholder on those would only teach people to ignore the rule.
     */
    private static final List<String> NOT_SECRET_SUFFIXES =
            List.of(".location", ".type", ".url", ".class", ".algorithm", ".ms", ".mechanism");

    private SecretKeys() {
    }

    /**
     * Also for prefixed keys, as MirrorMaker 2 and client overrides write them:
     * {@code source.cluster.sasl.jaas.config}, {@code producer.ssl.key.password}.
     */
    static boolean looksSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (isJaasConfig(k)) {
            return true;
        }
        if (NOT_SECRET_SUFFIXES.stream().anyMatch(k::endsWith)) {
            return false;
        }
        return k.startsWith("ssl.key") || k.contains(".ssl.key") || SECRET_PARTS.stream().anyMatch(k::contains);
    }

    /**
     * An environment variable name to suggest: source + sasl.jaas.config gives SOURCE_JAAS,
     * mirror + target.cluster.sasl.jaas.config gives MIRROR_TARGET_CLUSTER_JAAS.
     */
    static String suggestedEnvName(String owner, String key) {
        String k = key.toLowerCase(Locale.ROOT);
        String base = isJaasConfig(k) ? k.substring(0, k.length() - "sasl.jaas.config".length()) + "jaas" : key;
        return (owner + "_" + base).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    }

    private static boolean isJaasConfig(String lowerCaseKey) {
        return lowerCaseKey.equals("sasl.jaas.config") || lowerCaseKey.endsWith(".sasl.jaas.config");
    }
}
