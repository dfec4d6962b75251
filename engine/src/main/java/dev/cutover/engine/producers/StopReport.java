package dev.cutover.engine.producers;

import dev.cutover.engine.controls.ControlException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The stop protocol of {@code command} and {@code http} producers: the stop control prints (on
 * stdout, its last non-empty line) or returns (as the response body) one JSON object with the
 * replay id to resume after:
 *
 * <pre>{"replayId": "AAAAAAAAJxA="}</pre>
 *
 * Other fields are kept verbatim in the ledger. {@code "replayId": null} means the producer had
 * written nothing yet (resume from its own earliest). The id is opaque text, usually base64.
 */
final class StopReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StopReport() {
    }

    static ResumePosition parse(String controlName, String output) throws ControlException {
        String line = output.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse("");
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (Exception e) {
            throw new ControlException(controlName + " did not report a position: expected a JSON object like "
                    + "{\"replayId\": \"...\"} as its last line of output, got: " + abbreviate(line));
        }
        if (node == null || !node.isObject() || !node.has("replayId")) {
            throw new ControlException(controlName + " reported no \"replayId\" field: " + abbreviate(line));
        }
        JsonNode id = node.get("replayId");
        return new ResumePosition(id.isNull() ? null : id.asText(), line);
    }

    private static String abbreviate(String s) {
        return s.isEmpty() ? "(nothing)" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
