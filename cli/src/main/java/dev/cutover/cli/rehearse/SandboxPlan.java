package dev.cutover.cli.rehearse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The plan a sandbox rehearsal runs: the user's plan (or the bundled example) with its cluster
 * addresses replaced by the sandbox's, each producer's control pointed at the sandbox's bridge, and
 * each consumer's control at its demo consumer's HTTP control.
 * Written to a file beside the ledger, because the mirror agent re-reads the plan from the ledger.
 */
final class SandboxPlan {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SandboxPlan() {
    }

    /**
     * @param bridgeControls   producer name to its HTTP control base URL (http://127.0.0.1:port)
     * @param consumerControls group to its demo consumer's HTTP control base URL
     */
    static Path write(String planText, String sourceBootstrap, String targetBootstrap,
                      Map<String, String> bridgeControls, Map<String, String> consumerControls, Path file) {
        return write(planText, sourceBootstrap, targetBootstrap, bridgeControls, consumerControls, null, file);
    }

    /** As above; with {@code connectUrl}, MirrorMaker 2 runs on the sandbox's Kafka Connect worker there. */
    static Path write(String planText, String sourceBootstrap, String targetBootstrap,
                      Map<String, String> bridgeControls, Map<String, String> consumerControls, String connectUrl, Path file) {
        try {
            ObjectNode root = (ObjectNode) YAML.readTree(planText);
            if (connectUrl != null) {
                ObjectNode mirror = root.has("mirror") ? (ObjectNode) root.get("mirror") : root.putObject("mirror");
                mirror.put("engine", "connect");
                mirror.putObject("connect").put("url", connectUrl);
            }
            ObjectNode clusters = (ObjectNode) root.get("clusters");
            ((ObjectNode) clusters.get("source")).put("bootstrap", sourceBootstrap);
            ((ObjectNode) clusters.get("target")).put("bootstrap", targetBootstrap);
            // The sandbox's clusters need no credentials: drop any the plan carries for the real ones.
            ((ObjectNode) clusters.get("source")).remove("properties");
            ((ObjectNode) clusters.get("target")).remove("properties");
            JsonNode producers = root.get("producers");
            if (producers instanceof ArrayNode list) {
                for (JsonNode p : list) {
                    String base = bridgeControls.get(p.get("name").asText());
                    ObjectNode control = ((ObjectNode) p).putObject("control");
                    control.put("type", "http");
                    control.put("stop", base + "/stop");
                    control.put("start", base + "/start?bootstrap={target.bootstrap}&replayId={replayId}");
                }
            }
            JsonNode consumers = root.get("consumers");
            if (consumers instanceof ArrayNode list) {
                for (JsonNode c : list) {
                    String base = consumerControls.get(c.get("group").asText());
                    ObjectNode control = ((ObjectNode) c).putObject("control");
                    control.put("type", "http");
                    control.put("stop", base + "/stop");
                    control.put("start", base + "/start?bootstrap={target.bootstrap}");
                }
            }
            Files.writeString(file, "# Written by `cutover rehearse --sandbox`: the plan with the sandbox's addresses.\n"
                    + YAML.writeValueAsString(root).replaceFirst("^---\\s*\\n", ""));
            return file;
        } catch (IOException | ClassCastException | NullPointerException e) {
            throw new CutoverException(ExitCode.USAGE, "could not adapt the plan to the sandbox: " + e.getMessage(), null,
                    "check that the plan has clusters.source, clusters.target and named producers", e);
        }
    }
}
