package dev.cutover.engine.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.engine.rehearsal.RehearsalCheck;
import dev.cutover.plans.GateName;
import dev.cutover.plans.Plan;
import dev.cutover.plans.PlanParser;
import dev.cutover.state.GateState;
import dev.cutover.state.Ledger;
import dev.cutover.state.PositionRow;
import dev.cutover.state.StoredPlan;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scorecard's rule on a real ledger file, no cluster: green only on a rehearsal of this very plan
 * that proved it, yellow for configured but not proved (never rehearsed, or rehearsed on another
 * plan), red for no proof or a failed one.
 */
class ScorecardTest {

    private static final String PLAN = """
            version: 1
            name: score
            clusters:
              source: {bootstrap: "old:9093", properties: {security.protocol: SASL_SSL, sasl.mechanism: PLAIN,
                       sasl.jaas.config: "${env:SOURCE_JAAS}"}}
              target: {bootstrap: "new:9093", properties: {security.protocol: SSL}}
            topics: {include: ["sfdc\\\\..*"]}
            groups: {include: [sink]}
            producers:
              - name: account-cdc
                topics: [sfdc.cdc.account]
                replay-header: sfdc.replayId
                control: {type: command, stop: "true", start: "true"}
            rollback:
              automatic: true
              triggers:
                - {name: lag, when: consumer-lag, group: sink, above: 5000}
                - {name: age, when: event-age, group: sink, above: 2m}
                - {name: dlq, when: topic-growth, topic: sfdc.dlq, above: 10, within: 5m}
            """;
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @TempDir
    Path dir;

    private Ledger ledger;
    private Plan plan;

    @BeforeEach
    void ledger() throws Exception {
        ledger = Ledger.open(dir.resolve("rehearsal.db"));
        plan = PlanParser.parse(PLAN, "score.yaml");
        ledger.storePlan(new StoredPlan("score", "f1f1f1f1f1f1f1", "score.yaml", PLAN, NOW.minusSeconds(600)),
                Arrays.stream(GateName.values()).map(GateName::label).toList());
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void withoutARehearsalNothingIsGreenAndWhatIsConfiguredIsYellow() {
        Map<String, Rating> ratings = ratings(new Scorecard(plan, "f1f1f1f1f1f1f1", null, clock()));

        assertThat(ratings).containsEntry("Compatibility", Rating.YELLOW).containsEntry("Replay", Rating.YELLOW)
                .containsEntry("Cost", Rating.RED).containsEntry("Scaling", Rating.YELLOW).containsEntry("Rollback", Rating.YELLOW)
                .containsEntry("Observability", Rating.YELLOW).containsEntry("Security", Rating.YELLOW);
        assertThat(ratings.values()).doesNotContain(Rating.GREEN);
    }

    @Test
    void aRehearsalOfThisPlanWhereEveryCheckHeldMakesWhatItProvedGreen() {
        rehearsed(true);

        Scorecard card = new Scorecard(plan, "f1f1f1f1f1f1f1", ledger, clock());

        assertThat(card.rehearsed()).isTrue();
        assertThat(ratings(card)).containsEntry("Compatibility", Rating.GREEN).containsEntry("Replay", Rating.GREEN)
                .containsEntry("Scaling", Rating.GREEN).containsEntry("Security", Rating.GREEN).containsEntry("Rollback", Rating.GREEN)
                .containsEntry("Observability", Rating.GREEN).containsEntry("Cost", Rating.YELLOW);
        assertThat(row(card, "Replay").evidence()).containsPattern("headroom 71 h (49|50) min");
        assertThat(row(card, "Rollback").evidence()).contains("the slowest undo 1200 ms");
    }

    @Test
    void aRehearsalOfAnotherPlanProvesNothingForThisOne() {
        rehearsed(true);

        Scorecard card = new Scorecard(plan, "a2a2a2a2a2a2a2", ledger, clock());

        assertThat(card.rehearsed()).isFalse();
        assertThat(card.basis()).contains("NOT this plan's a2a2a2a2a2a2");
        assertThat(ratings(card).values()).doesNotContain(Rating.GREEN);
        assertThat(row(card, "Rollback").evidence()).contains("rehearsed on another plan (score, fingerprint f1f1f1f1f1f1)");
    }

    @Test
    void aRehearsalWhoseChecksFailedIsRedForTheRollback() {
        rehearsed(false);

        assertThat(ratings(new Scorecard(plan, "f1f1f1f1f1f1f1", ledger, clock()))).containsEntry("Rollback", Rating.RED);
        assertThat(row(new Scorecard(plan, "f1f1f1f1f1f1f1", ledger, clock()), "Rollback").evidence())
                .contains("NOT every check held afterwards: group sink: back on the source");
    }

    /** A rehearsal's ledger as one leaves it: gates through observe passed and rolled back, positions, its result. */
    private void rehearsed(boolean held) {
        for (GateName g : List.of(GateName.PREFLIGHT, GateName.TOPICS, GateName.MIRROR, GateName.IN_SYNC,
                GateName.SWITCH_PRODUCERS, GateName.MOVE_CONSUMERS, GateName.OBSERVE)) {
            ledger.transition(g.label(), GateState.RUNNING, "started");
            ledger.transition(g.label(), GateState.PASSED, "passed");
        }
        ledger.putEvidence(GateName.IN_SYNC.label(), Map.of("totalLag", 12, "maxLag", 5000, "waitedMs", 800));
        ledger.putEvidence(GateName.OBSERVE.label(), Map.of("evaluations", 30));
        ledger.putEvidence(GateName.SWITCH_PRODUCERS.label(), Map.of("rollback", Map.of("tookMs", 1200)));
        for (GateName g : List.of(GateName.SWITCH_PRODUCERS, GateName.MOVE_CONSUMERS, GateName.OBSERVE)) {
            ledger.transition(g.label(), GateState.ROLLED_BACK, "rolled back: rehearsal");
        }
        ledger.upsertPosition(new PositionRow(PositionRow.PRODUCER, "account-cdc", "sfdc.cdc.account", 0, "AAAA", "AAAB", 10L, 10L,
                null, null, null));
        ledger.upsertPosition(new PositionRow(PositionRow.GROUP, "sink", "sfdc.cdc.account", 0, null, null, null, null, 8L, 8L, null));
        List<RehearsalCheck> checks = List.of(new RehearsalCheck("rollback", true, "asked for"),
                new RehearsalCheck("group sink: back on the source where it was on the target", held, "detail"));
        RehearsalResult.of("staging", "score", "f1f1f1f1f1f1f1", NOW.minusSeconds(60), checks).save(ledger);
    }

    private static Clock clock() {
        // The switch started at the time the ledger recorded: ten minutes before, as the transitions
        // stamp the machine's clock; headroom is read against that.
        return Clock.fixed(Instant.now().plusSeconds(600), ZoneOffset.UTC);
    }

    private static Map<String, Rating> ratings(Scorecard card) {
        return card.rows().stream().collect(Collectors.toMap(ScorecardRow::category, ScorecardRow::rating));
    }

    private static ScorecardRow row(Scorecard card, String category) {
        return card.rows().stream().filter(r -> r.category().equals(category)).findFirst().orElseThrow();
    }
}
