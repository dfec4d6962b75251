package dev.cutover.plans;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code mirror}.
 *
 * @param connectUrl {@code mirror.connect.url}; required for {@link MirrorEngine#CONNECT}, may be
 *                   null otherwise
 * @param connectHeaders {@code mirror.connect.headers}: sent with every Connect REST call, raw (secret
 *                   values are placeholders, resolved at run time by {@link PropertyResolver})
 * @param connectTls {@code mirror.connect.tls}: Kafka's client SSL keys ({@code ssl.truststore.location},
 *                   {@code ssl.keystore.password}, ...) for the Connect REST calls, raw as the headers;
 *                   empty for the JDK's default trust and no client certificate
 * @param tasks      {@code tasks.max} of the mirror connectors, 1 or more (default 1)
 * @param properties extra MirrorMaker 2 properties, raw: values may hold {@code ${env:X}} and
 *                   {@code ${file:PATH}} placeholders, which {@link PropertyResolver} resolves at run time
 */
public record MirrorSettings(MirrorEngine engine, String connectUrl, Map<String, String> connectHeaders,
                             Map<String, String> connectTls, int tasks, Map<String, String> properties) {

    public static final MirrorSettings DEFAULT = new MirrorSettings(MirrorEngine.EMBEDDED, null, Map.of(), Map.of(), 1,
            Map.of());

    public MirrorSettings {
        connectHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(connectHeaders));
        connectTls = Collections.unmodifiableMap(new LinkedHashMap<>(connectTls));
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
