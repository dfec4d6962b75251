package dev.cutover.plans;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code mirror}; every field has a default. */
final class MirrorReader {

    private static final String URL_EXAMPLE = "connect: {url: http://connect:8083}";

    /**
     * {@code mirror.connect.tls}: the keys of Kafka's own client SSL settings (Connect's
     * {@code listeners.https.ssl.*} on the worker side), so nothing new to learn.
     */
    static final List<String> TLS_KEYS = List.of("ssl.truststore.location", "ssl.truststore.password",
            "ssl.truststore.type", "ssl.keystore.location", "ssl.keystore.password", "ssl.keystore.type",
            "ssl.key.password");

    private MirrorReader() {
    }

    static MirrorSettings read(YamlMap root, Problems problems) {
        YamlMap mirror = root.map("mirror", "mirror: {engine: embedded}");
        if (mirror == null) {
            return root.has("mirror") ? null : MirrorSettings.DEFAULT;
        }
        int before = problems.count();
        mirror.allowOnly(List.of("engine", "connect", "tasks", "properties"));
        MirrorEngine engine = mirror.choice("engine", MirrorEngine.values(), MirrorEngine::label, "engine: embedded");
        String url = null;
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> tls = new LinkedHashMap<>();
        YamlMap connect = mirror.map("connect", URL_EXAMPLE);
        if (connect != null) {
            connect.allowOnly(List.of("url", "headers", "tls"));
            url = connect.string("url", "url: http://connect:8083");
            if (url != null && !HttpUrls.isHttpUrl(url)) {
                problems.at(connect.value("url"), connect.field("url"), "\"" + url + "\" is not an http(s) URL",
                        "write the Kafka Connect REST address, e.g. url: http://connect:8083");
                url = null;
            }
            YamlMap headerMap = connect.map("headers", "headers: {Authorization: ${env:CONNECT_AUTHORIZATION}}");
            if (headerMap != null) {
                for (String name : headerMap.keys()) {
                    // The same rules as client properties: a credential only by reference.
                    String value = ClientProperties.value(headerMap, name, "connect", problems);
                    if (value != null) {
                        headers.put(name, value);
                    }
                }
            }
            YamlMap tlsMap = connect.map("tls", "tls: {ssl.truststore.location: /etc/cutover/connect-ca.p12}");
            if (tlsMap != null) {
                tlsMap.allowOnly(TLS_KEYS);
                for (String key : tlsMap.keys()) {
                    String value = TLS_KEYS.contains(key) ? ClientProperties.value(tlsMap, key, "connect", problems) : null;
                    if (value != null) {
                        tls.put(key, value);
                    }
                }
                if (url != null && !url.startsWith("https://")) {
                    problems.at(connect.value("url"), connect.field("url"), "tls is set but \"" + url + "\" is not https",
                            "write the https address of the Connect REST listener, e.g. url: https://connect:8443, "
                                    + "or remove tls");
                }
            }
        }
        if (engine == MirrorEngine.CONNECT && url == null && problems.count() == before) {
            Node at = connect != null ? connect.node() : mirror.value("engine");
            problems.at(at, mirror.field("connect.url"), "required when mirror.engine is connect",
                    "add " + URL_EXAMPLE + " under mirror, or set engine: embedded");
        }
        Long tasks = mirror.count("tasks", 1, "task count", "tasks", "tasks: 4");
        if (tasks != null && tasks > Integer.MAX_VALUE) {
            problems.at(mirror.value("tasks"), mirror.field("tasks"), "\"" + tasks + "\" is too many tasks",
                    "set tasks to at most the number of selected partitions, e.g. tasks: 4");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        YamlMap props = mirror.map("properties", "properties: {sync.topic.acls.enabled: false}");
        if (props != null) {
            for (String key : props.keys()) {
                String value = ClientProperties.value(props, key, "mirror", problems);
                if (value != null) {
                    properties.put(key, value);
                }
            }
        }
        if (problems.count() > before) {
            return null;
        }
        return new MirrorSettings(engine == null ? MirrorEngine.EMBEDDED : engine, url, headers, tls,
                tasks == null ? 1 : tasks.intValue(), properties);
    }
}
