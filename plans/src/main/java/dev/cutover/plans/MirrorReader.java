package dev.cutover.plans;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code mirror}; every field has a default. */
final class MirrorReader {

    private static final String URL_EXAMPLE = "connect: {url: http://connect:8083}";

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
        YamlMap connect = mirror.map("connect", URL_EXAMPLE);
        if (connect != null) {
            connect.allowOnly(List.of("url", "headers"));
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
        return new MirrorSettings(engine == null ? MirrorEngine.EMBEDDED : engine, url, headers,
                tasks == null ? 1 : tasks.intValue(), properties);
    }
}
