package dev.cutover.cli.render;

import dev.cutover.engine.status.StatusView;
import dev.cutover.state.GateRecord;
import dev.cutover.state.MirrorProgress;
import dev.cutover.state.PositionRow;
import java.time.Duration;
import java.time.Instant;
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
        out.append("\nmirror agent: ").append(view.agent().summary()).append(", copying ").append(view.mirrorDirection())
                .append('\n');
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
}
