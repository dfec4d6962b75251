package dev.cutover.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.state.GateRecord;
import dev.cutover.state.GateState;
import dev.cutover.state.PositionRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FinalReportTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void reportsWritePausesExactGroupsTheArchiveAndEveryGatesEvidence() {
        Map<String, Object> offset = Map.of("fingerprint", "abc", "nextSourceRecord", 41, "target", 41);
        Map<String, Object> atEnd = new java.util.HashMap<>();
        atEnd.put("fingerprint", null);
        atEnd.put("nextSourceRecord", null);
        List<GateRecord> gates = List.of(
                new GateRecord(1, "topics", GateState.PASSED, 1, T0, T0.plusSeconds(1),
                        Map.of("created", List.of("a", "b"), "updated", List.of(), "unchanged", List.of("c")), "passed"),
                new GateRecord(5, "switch-producers", GateState.PASSED, 2, T0.plusSeconds(60), T0.plusSeconds(62),
                        Map.of("producers", Map.of("account-cdc", Map.of("phase", "VERIFIED", "replayId", "AAAA",
                                "stoppedAt", "2026-11-30T10:01:00Z", "startedAt", "2026-11-30T10:01:02Z", "writePauseMs", 1450))), "passed in 2000 ms"),
                new GateRecord(6, "move-consumers", GateState.PASSED, 1, T0.plusSeconds(62), T0.plusSeconds(64),
                        Map.of("groups", Map.of("sink", Map.of("phase", "VERIFIED", "offsets",
                                Map.of("t-0", offset, "t-1", atEnd)),
                                "half", Map.of("phase", "COMMITTED", "offsets", Map.of("t-0", offset)))), "passed"));
        List<PositionRow> positions = List.of(new PositionRow("producer", "account-cdc", "t", 0, "AAAA", "AAAB", 40L, 40L,
                null, null, null));

        String report = FinalReport.markdown("sfdc", "f00d", T0.plusSeconds(3600), gates, positions,
                Map.of("t-0", Map.of("targetOffset", 90L, "sourceOffset", 90L)));

        assertThat(report).startsWith("# Cutover report: sfdc\n")
                .contains("Started at 2026-12-03T10:00:00Z, 60 min from the first gate to the end.")
                .contains("- topics: 2 created, 0 updated, 1 already as on the source")
                .contains("| account-cdc | VERIFIED | 2026-11-30T10:01:00Z | AAAA | 2026-11-30T10:01:02Z | 1450 ms |")
                .contains("| sink | VERIFIED | 2 | 1 | 1 | 0 | 0 |")
                .as("a group not verified is never claimed exact").contains("| half | COMMITTED | 1 | 1 | 0 | unknown | unknown |")
                .contains("| t-0 | 90 | 90 |")
                .contains("| producer | account-cdc | t-0 | AAAA | AAAB | 40 | 40 | - | - |")
                .contains("### move-consumers\n\n```json\n{");
    }

    @Test
    void saysSoWhenNothingWasWrittenOnTheTarget() {
        assertThat(FinalReport.markdown("p", "f", T0, List.of(), List.of(), Map.of()))
                .contains("No producer wrote on the target: nothing to copy back.");
    }
}
