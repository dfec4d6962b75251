package dev.cutover.engine.producers.connect;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.engine.controls.ControlException;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * A connector's offsets as {@code GET /connectors/{name}/offsets} returns them:
 * {@code {"offsets": [{"partition": {...}, "offset": {...}}, ...]}}. The partitions and offsets
 * are the connector's own (a Salesforce connector keeps its replay id in there, base64, in a
 * format of its own), so they are carried unchanged: parsed only to take the array out, numbers
 * kept exact, never interpreted.
 */
final class ConnectorOffsets {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final ArrayNode offsets;

    private ConnectorOffsets(ArrayNode offsets) {
        this.offsets = offsets;
    }

    /**
     * @param what names the JSON for messages, e.g. "the position reported by the stop"
     * @throws ControlException when it is not an object with an {@code offsets} array
     */
    static ConnectorOffsets parse(String what, String json) throws ControlException {
        JsonNode node;
        try {
            node = json == null ? null : JSON.readTree(json);
        } catch (IOException e) {
            throw new ControlException(what + " is not JSON: " + json, e);
        }
        if (node == null || !node.path("offsets").isArray()) {
            throw new ControlException(what + " is not a Kafka Connect offsets document "
                    + "({\"offsets\": [{\"partition\": {...}, \"offset\": {...}}]}): " + json);
        }
        return new ConnectorOffsets((ArrayNode) node.get("offsets"));
    }

    /** The connector committed nothing yet. */
    boolean isEmpty() {
        return offsets.isEmpty();
    }

    /** The body of {@code PATCH /connectors/{name}/offsets}: the same array, under "offsets". */
    String patchBody() {
        ObjectNode body = JSON.createObjectNode();
        body.set("offsets", offsets);
        return body.toString();
    }

    /**
     * Every partition of {@code other} with the same offset here, whatever the order Connect lists
     * them in (partitions of the connector's own that the position does not name are kept by Connect).
     */
    boolean includes(ConnectorOffsets other) {
        return asSet().containsAll(other.asSet());
    }

    private Set<JsonNode> asSet() {
        Set<JsonNode> set = new HashSet<>();
        offsets.forEach(set::add);
        return set;
    }

    @Override
    public String toString() {
        return offsets.toString();
    }
}
