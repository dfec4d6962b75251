package dev.cutover.engine.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.engine.controls.ControlException;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The MirrorSourceConnector's committed offsets as {@code GET /connectors/{name}/offsets} returns
 * them: {@code {"offsets": [{"partition": {"cluster": "source", "topic": "t", "partition": 0},
 * "offset": {"offset": 41}}]}}, where 41 is the last source offset copied. With exactly-once support
 * they are committed in the same transaction as the copied records, so they say exactly how far the
 * target holds the source.
 */
public final class MirrorSourceOffsets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MirrorSourceOffsets() {
    }

    /** The next source offset to copy of every partition the connector has copied from. */
    public static Map<TopicPartition, Long> nextOffsets(String what, String json) throws ControlException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new ControlException(what + " is not JSON: " + json, e);
        }
        if (root == null || !root.path("offsets").isArray()) {
            throw new ControlException(what + " is not a Kafka Connect offsets document: " + json);
        }
        Map<TopicPartition, Long> next = new HashMap<>();
        for (JsonNode entry : root.get("offsets")) {
            JsonNode partition = entry.path("partition");
            JsonNode offset = entry.path("offset").path("offset");
            if (!partition.path("topic").isTextual() || !partition.path("partition").canConvertToInt() || !offset.canConvertToLong()) {
                throw new ControlException(what + " holds an entry that is not a MirrorMaker 2 source offset: " + entry);
            }
            next.put(new TopicPartition(partition.get("topic").asText(), partition.get("partition").asInt()),
                    offset.asLong() + 1);
        }
        return next;
    }

    /**
     * The {@code PATCH /connectors/{name}/offsets} body that makes a stopped MirrorSourceConnector
     * copying from cluster {@code sourceAlias} start each partition at {@code next} (its next offset
     * to copy). A partition whose next offset is 0 is left out: with no offset stored the connector
     * starts at the beginning, which is offset 0 there.
     */
    public static String document(String sourceAlias, Map<TopicPartition, Long> next) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode offsets = root.putArray("offsets");
        next.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Comparator.comparing((Map.Entry<TopicPartition, Long> e) -> e.getKey().topic())
                        .thenComparing(e -> e.getKey().partition()))
                .forEach(e -> {
                    ObjectNode entry = offsets.addObject();
                    entry.putObject("partition").put("cluster", sourceAlias).put("topic", e.getKey().topic())
                            .put("partition", e.getKey().partition());
                    entry.putObject("offset").put("offset", e.getValue() - 1);
                });
        return root.toString();
    }
}
