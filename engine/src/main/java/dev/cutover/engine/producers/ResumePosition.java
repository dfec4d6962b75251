package dev.cutover.engine.producers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where a producer resumes in its Salesforce channel, exactly as its control reported it. Replay
 * ids are opaque: cutover carries them and compares them only for equality, never orders,
 * increments or decodes them.
 *
 * @param replayId the replay id to resume after, as the control reported it (e.g. base64); null
 *                 when the control reports none (a Connect producer's position is its offsets)
 * @param report   the control's whole report, verbatim: for {@code connect} producers the JSON the
 *                 Connect REST API returned for the connector's offsets, for the others the JSON
 *                 object the stop control printed or returned
 */
public record ResumePosition(String replayId, String report) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Whether this position names one of {@code ids} (the replay id a record carries, in its forms).
     * A reported replay id must equal one. Without one (Connect offsets, whose format belongs to the
     * connector) some value inside the report must equal one: the connector keeps the id of the last
     * event it wrote somewhere in its offset, and equality is all cutover ever asks of an id.
     */
    public boolean names(String... ids) {
        if (replayId != null) {
            return Arrays.stream(ids).filter(Objects::nonNull).anyMatch(replayId::equals);
        }
        if (report == null) {
            return false;
        }
        try {
            return contains(JSON.readTree(report), ids);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** The position as it is shown and stored: the replay id, or else the report verbatim. */
    public String asStored() {
        return replayId != null ? replayId : report;
    }

    /** For messages: "replay id X" or "offsets {...}". */
    public String describe() {
        return replayId != null ? "replay id " + replayId : "offsets " + report;
    }

    private static boolean contains(JsonNode node, String[] ids) {
        if (node.isTextual() || node.isNumber()) {
            String text = node.asText();
            return Arrays.stream(ids).filter(Objects::nonNull).anyMatch(text::equals);
        }
        for (JsonNode child : node) {
            if (contains(child, ids)) {
                return true;
            }
        }
        return false;
    }
}
