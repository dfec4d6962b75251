package dev.cutover.cli.render;

import dev.cutover.engine.connect.ConnectorStatus;
import dev.cutover.engine.status.ConnectMirrorView;
import dev.cutover.engine.status.CutoverState;
import dev.cutover.engine.status.StatusView;
import dev.cutover.state.GateRecord;
import dev.cutover.state.MirrorProgress;
import dev.cutover.state.PositionRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code cutover status} for people. */
public final class StatusText {

    private StatusText() {
    }

    public static String of(StatusView view) {
        StringBuilder out = new StringBuilder();
        out.append("plan ").append(view.planName()).append(" (").append(view.planFile()).append(", fingerprint ")
                .append(view.fingerprint(), 0, Math.min(12, view.fingerprint().length())).append(")\n");
        out.append("state: ").append(view.state().label()).append("\n\n");
        Table gates = new Table("gate", "state", "attempts", "started", "took", "detail");
        for (GateRecord g : view.gates()) {
            gates.row(g.name(), g.state().label(), g.attempts() == 0 ? null : g.attempts(), g.startedAt(),
                    took(g.startedAt(), g.endedAt()), g.detail());
        }
        out.append(gates.render(""));
        boolean finalized = view.state() == CutoverState.DONE;
        if (view.connect().isPresent()) {
            out.append(connect(view.connect().get()));
        } else {
            out.append("\nmirror agent: ").append(view.agent().summary())
                    .append(finalized ? "; mirroring ended with finalize" : ", copying " + view.mirrorDirection()).append('\n');
        }
        finalizeEvidence(view, out);
        if (view.triggers().get("triggers") instanceof java.util.Map<?, ?> triggers && !triggers.isEmpty()) {
            out.append("\nrollback triggers (").append(view.triggers().get("by")).append(", ").append(view.triggers().get("at"))
                    .append(")\n");
            Table t = new Table("trigger", "value", "threshold", "breached");
            triggers.forEach((name, v) -> {
                java.util.Map<?, ?> r = (java.util.Map<?, ?>) v;
                t.row(name, r.containsKey("error") ? "error: " + r.get("error") : r.get("text"), r.get("threshold"), r.get("breached"));
            });
            out.append(t.render("  "));
        }
        if (!view.mirrorProgress().isEmpty()) {
            // On Connect the copy's live position is the connector's (shown with it); the ledger holds where
            // the forward copy stopped at the switch, or was started again after a rollback.
            out.append(view.connect().isPresent() ? "\nforward copy positions in the ledger (switch points, or its restart after a rollback)\n"
                    : "\nforward copy (source -> target)\n");
            Table mirror = new Table("topic", "partition", "next source offset", "next target offset", "updated");
            for (MirrorProgress p : view.mirrorProgress()) {
                mirror.row(p.topic(), p.partition(), p.nextSourceOffset(), p.nextTargetOffset(), p.updatedAt());
            }
            out.append(mirror.render("  "));
        }
        if (!view.positions().isEmpty()) {
            out.append("\npositions\n");
            Table positions = new Table("kind", "owner", "topic", "partition", "replay id (source)", "replay id (target)",
                    "source offset", "target offset", "source commit", "target commit");
            for (PositionRow p : view.positions()) {
                positions.row(p.kind(), p.owner(), p.topic(), p.partition(), p.replayIdSource(), p.replayIdTarget(),
                        p.sourceOffset(), p.targetOffset(), p.sourceCommit(), p.targetCommit());
            }
            out.append(positions.render("  "));
        }
        for (GateRecord g : view.gates()) {
            Object error = g.evidence().get("error");
            if (error != null && g.state().label().equals("failed")) {
                out.append("\n").append(g.name()).append(" failed: ").append(error).append('\n');
                Object remedy = g.evidence().get("remedy");
                if (remedy != null) {
                    out.append("  fix: ").append(remedy).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** What finalize recorded: the report, how far the source holds the target's records, what it removed. */
    private static void finalizeEvidence(StatusView view, StringBuilder out) {
        GateRecord gate = view.gates().stream().filter(g -> g.name().equals("finalize")).findFirst().orElse(null);
        if (gate == null || gate.evidence().get("reached") == null) {
            return;
        }
        Map<String, Object> e = gate.evidence();
        out.append("\nfinalize: reached ").append(String.valueOf(e.get("reached")).toLowerCase().replace('_', ' '));
        if (e.get("report") != null) {
            out.append("; report ").append(e.get("report"));
        }
        out.append('\n');
        if (e.get("mirrorTopicsRemoved") instanceof List<?> removed) {
            out.append("  removed from the target: ").append(removed.isEmpty() ? "nothing (already gone)" : removed).append('\n');
        } else if (e.get("mirrorTopicsKept") instanceof List<?> kept) {
            out.append("  kept on the target (gates.finalize.keep-mirror-topics): ").append(kept).append('\n');
        }
        if (e.get("archive") instanceof Map<?, ?> archive && !archive.isEmpty()) {
            out.append("  the source holds every record written on the target up to:\n");
            Table t = new Table("partition", "target offset", "source offset");
            archive.forEach((tp, p) -> t.row(tp, ((Map<?, ?>) p).get("targetOffset"), ((Map<?, ?>) p).get("sourceOffset")));
            out.append(t.render("  "));
        }
    }

    private static String took(Instant start, Instant end) {
        if (start == null || end == null) {
            return null;
        }
        Duration d = Duration.between(start, end);
        return d.toMillis() < 10_000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    static String evidence(Map<String, Object> evidence) {
        return Json.write(evidence);
    }

    /** The connectors with each task's state and worker, and the copy per partition from their committed offsets. */
    private static String connect(ConnectMirrorView connect) {
        StringBuilder out = new StringBuilder("\nmirror: MirrorMaker 2 on Kafka Connect at ").append(connect.url()).append('\n');
        if (connect.error() != null) {
            out.append("  Connect did not answer: ").append(connect.error()).append('\n');
            return out.toString();
        }
        Table connectors = new Table("connector", "state", "tasks");
        for (ConnectMirrorView.Connector c : connect.connectors()) {
            connectors.row(c.name(), c.status().map(ConnectorStatus::state).orElse("not deployed"), c.status()
                    .map(s -> s.tasks().stream().map(t -> t.id() + " " + t.state() + (t.workerId() == null ? "" : " on " + t.workerId()))
                            .collect(java.util.stream.Collectors.joining(", ")))
                    .orElse(null));
        }
        out.append(connectors.render("  "));
        if (!connect.copied().isEmpty()) {
            out.append("\nforward copy (source -> target), from the connector's committed offsets\n");
            Table copied = new Table("topic", "partition", "next source offset");
            connect.copied().forEach((tp, next) -> copied.row(tp.topic(), tp.partition(), next));
            out.append(copied.render("  "));
        }
        return out.toString();
    }
}
