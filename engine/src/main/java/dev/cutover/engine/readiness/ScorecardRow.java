package dev.cutover.engine.readiness;

/**
 * One category of the readiness scorecard.
 *
 * @param evidence   what the rating rests on, for people
 * @param recordedIn where that is recorded (the ledger file and the gate or check), so it can be looked up
 */
public record ScorecardRow(String category, Rating rating, String evidence, String recordedIn) {
}
