package dev.cutover.cli.render;

import dev.cutover.engine.readiness.ReadinessReport;
import dev.cutover.engine.readiness.ScorecardRow;
import dev.cutover.engine.status.StatusView;
import dev.cutover.plans.TriggerSpec;
import dev.cutover.state.GateRecord;
import dev.cutover.state.LedgerReading;
import dev.cutover.state.PositionRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code cutover report --format html}: one self-contained page (inline CSS and SVG, no script, no
 * network) for the change board: the scorecard, the gate timeline, the mirror's lag and each
 * trigger's readings over time against its threshold (breaches marked), each producer's write pause
 * and the position map, all from the ledger.
 */
public final class ReportPage {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}
            table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
            .green{background:#d8f5d0}.yellow{background:#fff3c4}.red{background:#ffd6d6}
            .axis{stroke:#888}.threshold{stroke:#c00;stroke-dasharray:4 3}.series{fill:none;stroke:#2a62c9;stroke-width:1.5}
            .point{fill:#2a62c9}.point.breach{fill:#c00}.bar{fill:#2a62c9}svg text{font-size:11px;fill:#444}
            """;

    private ReportPage() {
    }

    /** @param triggers the plan's triggers, for their thresholds */
    public static String render(ReadinessReport report, StatusView status, List<LedgerReading> readings, List<TriggerSpec> triggers) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        b.append("<title>Readiness: plan ").append(Html.text(report.planName())).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n");
        b.append("<h1>Readiness: plan ").append(Html.text(report.planName())).append("</h1>\n");
        b.append("<p>Fingerprint <code>").append(Html.text(report.fingerprint())).append("</code>, taken ")
                .append(Html.text(report.takenAt().toString())).append(". Based on: ").append(Html.text(report.basis())).append(".</p>\n");
        scorecard(b, report);
        timeline(b, status.gates());
        b.append("<h2>Mirror lag while in-sync waited</h2>\n").append(SvgPlot.series("mirror-lag", "records behind",
                points(readings, "mirror-lag"), null)).append('\n');
        b.append("<h2>Rollback triggers</h2>\n");
        if (triggers.isEmpty()) {
            b.append("<p>No rollback trigger in the plan.</p>\n");
        }
        for (TriggerSpec t : triggers) {
            List<SvgPlot.Point> points = points(readings, "trigger:" + t.name());
            long breaches = points.stream().filter(SvgPlot.Point::breached).count();
            b.append("<h3>").append(Html.text(t.name())).append(" (").append(Html.text(t.when().label())).append(")</h3>\n<p>")
                    .append(points.size()).append(" reading(s), ").append(breaches).append(" past the threshold</p>\n")
                    .append(SvgPlot.series("trigger-" + t.name(), unit(t), points, threshold(t))).append('\n');
        }
        writePauses(b, status);
        positions(b, status.positions());
        return b.append("</body></html>\n").toString();
    }

    private static void scorecard(StringBuilder b, ReadinessReport report) {
        b.append("<h2>Scorecard</h2>\n<table id=\"scorecard\"><tr><th>category</th><th>rating</th><th>evidence</th><th>recorded in</th></tr>\n");
        for (ScorecardRow row : report.rows()) {
            b.append("<tr class=\"").append(row.rating().label()).append("\" data-category=\"").append(Html.attr(row.category()))
                    .append("\" data-rating=\"").append(row.rating().label()).append("\"><td>").append(Html.text(row.category()))
                    .append("</td><td><b>").append(row.rating().label()).append("</b></td><td>").append(Html.text(row.evidence()))
                    .append("</td><td>").append(Html.text(row.recordedIn())).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void timeline(StringBuilder b, List<GateRecord> gates) {
        List<GateRecord> ran = gates.stream().filter(g -> g.startedAt() != null).toList();
        b.append("<h2>Gates</h2>\n");
        if (ran.isEmpty()) {
            b.append("<p>No gate has run.</p>\n");
            return;
        }
        long origin = ran.get(0).startedAt().toEpochMilli();
        List<SvgPlot.Bar> bars = new ArrayList<>();
        for (GateRecord g : ran) {
            long start = g.startedAt().toEpochMilli() - origin;
            long end = (g.endedAt() == null ? g.startedAt() : g.endedAt()).toEpochMilli() - origin;
            bars.add(new SvgPlot.Bar(g.name(), start, Math.max(0, end - start), g.state().label() + ", " + (end - start) + " ms"));
        }
        b.append(SvgPlot.bars("gates", bars)).append('\n');
    }

    private static void writePauses(StringBuilder b, StatusView status) {
        b.append("<h2>Write pause at the switch, per producer</h2>\n");
        GateRecord sw = status.gates().stream().filter(g -> g.name().equals("switch-producers")).findFirst().orElse(null);
        Object producers = sw == null ? null : sw.evidence().get("writePauseMs");
        if (!(producers instanceof Map<?, ?> pauses) || pauses.isEmpty()) {
            b.append("<p>No producer was switched.</p>\n");
            return;
        }
        List<SvgPlot.Bar> bars = new ArrayList<>();
        pauses.forEach((name, ms) -> {
            if (ms instanceof Number n) {
                bars.add(new SvgPlot.Bar(String.valueOf(name), 0, n.doubleValue(), n.longValue() + " ms"));
            }
        });
        b.append(SvgPlot.bars("write-pause", bars)).append('\n');
    }

    private static void positions(StringBuilder b, List<PositionRow> rows) {
        b.append("<h2>Position map</h2>\n<table id=\"positions\"><tr><th>kind</th><th>owner</th><th>topic</th><th>partition</th>"
                + "<th>replay id (source)</th><th>replay id (target)</th><th>source offset</th><th>target offset</th>"
                + "<th>source commit</th><th>target commit</th></tr>\n");
        for (PositionRow r : rows) {
            b.append("<tr>");
            for (Object cell : new Object[] {r.kind(), r.owner(), r.topic(), r.partition(), r.replayIdSource(), r.replayIdTarget(),
                    r.sourceOffset(), r.targetOffset(), r.sourceCommit(), r.targetCommit()}) {
                b.append("<td>").append(Html.text(cell == null ? "-" : Objects.toString(cell))).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    private static List<SvgPlot.Point> points(List<LedgerReading> readings, String series) {
        // Long.MAX_VALUE is retention-headroom's "nothing at risk" (no record unconsumed, no retention limit): off the scale.
        return readings.stream().filter(r -> r.series().equals(series) && r.value() != Long.MAX_VALUE)
                .map(r -> new SvgPlot.Point(r.at(), r.value(), r.breached())).toList();
    }

    private static Long threshold(TriggerSpec t) {
        if (t.aboveCount() != null) {
            return t.aboveCount();
        }
        if (t.below() != null) {
            return t.below().toMillis();
        }
        return t.aboveDuration() != null ? t.aboveDuration().toMillis() : null;
    }

    private static String unit(TriggerSpec t) {
        return switch (t.when()) {
            case CONSUMER_LAG, TOPIC_GROWTH -> "records";
            case EVENT_AGE -> "ms";
            case COMMAND -> "exit code";
            case RETENTION_HEADROOM -> "ms of headroom";
        };
    }
}
