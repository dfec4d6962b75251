package dev.cutover.engine.controls;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values a control's command or URL may name (contract section 3): {@code {source.bootstrap}},
 * {@code {target.bootstrap}}, {@code {producer}}, {@code {group}}, {@code {replayId}}.
 *
 * <p>{@code {target.bootstrap}} means "the cluster to write to": the target when switching, the
 * source when a producer is put back. That way one start command serves both directions.
 */
public final class ControlPlaceholders {

    private final Map<String, String> values = new LinkedHashMap<>();

    public ControlPlaceholders(String sourceBootstrap, String writeToBootstrap, String producer, String replayId) {
        values.put("source.bootstrap", sourceBootstrap);
        values.put("target.bootstrap", writeToBootstrap);
        values.put("producer", producer);
        values.put("replayId", replayId == null ? "" : replayId);
    }

    /** For a consumer group's control: {@code {target.bootstrap}} is the cluster to consume from. */
    public static ControlPlaceholders forGroup(String sourceBootstrap, String readFromBootstrap, String group) {
        ControlPlaceholders p = new ControlPlaceholders(sourceBootstrap, readFromBootstrap, "", null);
        p.values.put("group", group);
        return p;
    }

    /** For a shell command: values inserted as they are (replay ids are base64 or similar, no shell syntax). */
    public String inCommand(String template) {
        String result = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            result = result.replace("{" + e.getKey() + "}", e.getValue());
        }
        return result;
    }

    /** For a URL: values URL-encoded, so a base64 '+' or '/' arrives intact. */
    public String inUrl(String template) {
        String result = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            result = result.replace("{" + e.getKey() + "}", URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return result;
    }

    /** The same values as environment variables (CUTOVER_REPLAY_ID, …) for scripts that prefer them. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CUTOVER_SOURCE_BOOTSTRAP", values.get("source.bootstrap"));
        env.put("CUTOVER_TARGET_BOOTSTRAP", values.get("target.bootstrap"));
        env.put("CUTOVER_PRODUCER", values.get("producer"));
        env.put("CUTOVER_REPLAY_ID", values.get("replayId"));
        if (values.containsKey("group")) {
            env.put("CUTOVER_GROUP", values.get("group"));
        }
        return env;
    }
}
