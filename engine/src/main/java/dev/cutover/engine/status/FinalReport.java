package dev.cutover.engine.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cutover.engine.producers.ProducerSwitch;
import dev.cutover.engine.producers.SwitchRecord;
import dev.cutover.state.GateRecord;
import dev.cutover.state.GateState;
import dev.cutover.state.PositionRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The report {@code finalize} leaves for the change board: what moved and when, each producer's
 * write pause, what each group re-read or skipped, the position map, and every gate's evidence.
 * Pure: it renders what the ledger holds, so writing it again gives the same text.
 */
public final class FinalReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FinalReport() {
    }

    /**
     * @param archive per producer partition ({@code topic-p}), how far the source holds the target's
     *                records: {@code {targetOffset, sourceOffset}}
     */
    public static String markdown(String planName, String fingerprint, Instant finishedAt, List<GateRecord> gates,
                                  List<PositionRow> positions, Map<String, Map<String, Object>> archive) {
        StringBuilder b = new StringBuilder();
        b.append("# Cutover report: ").append(planName).append("\n\n");
        b.append("Plan fingerprint `").append(fingerprint).append("`. Finalized at ").append(finishedAt).append(".\n");
        Instant began = gates.stream().map(GateRecord::startedAt).filter(java.util.Objects::nonNull).min(Instant::compareTo)
                .orElse(null);
        if (began != null) {
            b.append("Started at ").append(began).append(", ").append(human(Duration.between(began, finishedAt)))
                    .append(" from the first gate to the end.\n");
        }
        b.append("\n## Gates\n\n| gate | state | attempts | started | ended | detail |\n|---|---|---|---|---|---|\n");
        for (GateRecord g : gates) {
            // finalize writes this report as its last step, so it is still running here.
            boolean self = g.name().equals("finalize") && g.state() == GateState.RUNNING;
            b.append("| ").append(g.name()).append(" | ").append(self ? "passing" : g.state().label()).append(" | ")
                    .append(g.attempts()).append(" | ").append(orDash(g.startedAt())).append(" | ")
                    .append(self ? finishedAt : orDash(g.endedAt())).append(" | ")
                    .append(self ? "this report is its last step" : g.detail() == null ? "-" : g.detail().replace('|', '/'))
                    .append(" |\n");
        }
        b.append("\n## Moved\n\n");
        gate(gates, "topics").ifPresent(t -> b.append("- topics: ").append(list(t.evidence().get("created"))).append(" created, ")
                .append(list(t.evidence().get("updated"))).append(" updated, ").append(list(t.evidence().get("unchanged")))
                .append(" already as on the source\n"));
        producers(gates, b);
        groups(gates, b);
        b.append("\n## The source as an archive\n\n");
        if (archive.isEmpty()) {
            b.append("No producer wrote on the target: nothing to copy back.\n");
        } else {
            b.append("The reverse copy was drained before it stopped: the source holds every record the producers wrote on ")
                    .append("the target up to these offsets.\n\n| partition | target offset | source offset |\n|---|---|---|\n");
            archive.forEach((tp, p) -> b.append("| ").append(tp).append(" | ").append(p.get("targetOffset"))
                    .append(" | ").append(p.get("sourceOffset")).append(" |\n"));
        }
        b.append("\n## Position map\n\n| kind | owner | partition | replay id (source) | replay id (target) | source offset "
                + "| target offset | source commit | target commit |\n|---|---|---|---|---|---|---|---|---|\n");
        for (PositionRow r : positions) {
            b.append("| ").append(r.kind()).append(" | ").append(r.owner()).append(" | ").append(r.topic()).append('-')
                    .append(r.partition()).append(" | ").append(orDash(r.replayIdSource())).append(" | ")
                    .append(orDash(r.replayIdTarget())).append(" | ").append(orDash(r.sourceOffset())).append(" | ")
                    .append(orDash(r.targetOffset())).append(" | ").append(orDash(r.sourceCommit())).append(" | ")
                    .append(orDash(r.targetCommit())).append(" |\n");
        }
        b.append("\n## Evidence of every gate\n");
        for (GateRecord g : gates) {
            b.append("\n### ").append(g.name()).append("\n\n```json\n").append(json(g.evidence())).append("\n```\n");
        }
        return b.toString();
    }

    private static void producers(List<GateRecord> gates, StringBuilder b) {
        gate(gates, "switch-producers").ifPresent(g -> {
            SwitchRecord record = SwitchRecord.from(g.evidence());
            if (record.producers().isEmpty()) {
                return;
            }
            b.append("\n| producer | phase | stopped on the source | resumed after | started on the target | write pause |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (ProducerSwitch p : record.producers()) {
                b.append("| ").append(p.producer()).append(" | ").append(p.phase()).append(" | ").append(orDash(p.stoppedAt()))
                        .append(" | ").append(orDash(p.position() == null ? null : p.position().replayId()))
                        .append(" | ").append(orDash(p.startedAt()))
                        .append(" | ").append(p.writePauseMs() == null ? "-" : p.writePauseMs() + " ms").append(" |\n");
            }
        });
    }

    /**
     * A group re-reads or skips nothing when every committed offset was translated to the target
     * offset of the same next record (verified record against record) or to the end of the partition.
     */
    private static void groups(List<GateRecord> gates, StringBuilder b) {
        gate(gates, "move-consumers").ifPresent(g -> {
            if (!(g.evidence().get("groups") instanceof Map<?, ?> groups)) {
                return;
            }
            b.append("\n| group | phase | partitions | verified record against record | at the end | re-read | skipped |\n")
                    .append("|---|---|---|---|---|---|---|\n");
            groups.forEach((name, entry) -> {
                Map<?, ?> m = (Map<?, ?>) entry;
                Map<?, ?> offsets = m.get("offsets") instanceof Map<?, ?> o ? o : Map.of();
                long verified = offsets.values().stream().filter(o -> ((Map<?, ?>) o).get("fingerprint") != null).count();
                long atEnd = offsets.values().stream().filter(o -> ((Map<?, ?>) o).get("nextSourceRecord") == null
                        && ((Map<?, ?>) o).get("fingerprint") == null).count();
                boolean exact = "VERIFIED".equals(m.get("phase")) && verified + atEnd == offsets.size();
                b.append("| ").append(name).append(" | ").append(m.get("phase")).append(" | ").append(offsets.size())
                        .append(" | ").append(verified).append(" | ").append(atEnd).append(" | ")
                        .append(exact ? "0" : "unknown").append(" | ").append(exact ? "0" : "unknown").append(" |\n");
            });
        });
    }

    private static java.util.Optional<GateRecord> gate(List<GateRecord> gates, String name) {
        return gates.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    private static String list(Object value) {
        return value instanceof List<?> l ? String.valueOf(l.size()) : "0";
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + " s" : s < 7200 ? (s / 60) + " min" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    private static String json(Map<String, Object> evidence) {
        try {
            return JSON.writeValueAsString(evidence);
        } catch (JsonProcessingException e) {
            // The ledger stores evidence as JSON, so it always renders; this is a bug if it happens.
            throw new IllegalStateException("evidence does not render as JSON: " + e.getMessage(), e);
        }
    }
}
