package dev.cutover.engine.producers;

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
}
