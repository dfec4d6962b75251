package dev.cutover.cli.render;

import dev.cutover.engine.readiness.ReadinessReport;
import dev.cutover.engine.readiness.ScorecardRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The readiness scorecard for people (text), for a change ticket (Markdown) and for tools (JSON). */
public final class ScorecardText {

    private ScorecardText() {
    }

    public static String text(ReadinessReport report) {
        StringBuilder b = new StringBuilder();
        b.append("readiness of plan ").append(report.planName()).append(" (fingerprint ")
                .append(report.fingerprint(), 0, Math.min(12, report.fingerprint().length())).append(")\n");
        b.append("based on: ").append(report.basis()).append('\n');
        int width = report.rows().stream().mapToInt(r -> r.category().length()).max().orElse(8);
        for (ScorecardRow row : report.rows()) {
            b.append(String.format("  %-6s  %-" + width + "s  %s%n", row.rating().label(), row.category(), row.evidence()));
            b.append(String.format("  %-6s  %-" + width + "s  recorded in %s%n", "", "", row.recordedIn()));
        }
        b.append(summary(report)).append('\n');
        return b.toString();
    }

    public static String markdown(ReadinessReport report) {
        StringBuilder b = new StringBuilder("# Readiness: plan ").append(report.planName()).append("\n\n");
        b.append("Fingerprint `").append(report.fingerprint()).append("`, taken ").append(report.takenAt()).append(".  \n");
        b.append("Based on: ").append(report.basis()).append(".\n\n");
        b.append("| category | rating | evidence | recorded in |\n|---|---|---|---|\n");
        for (ScorecardRow row : report.rows()) {
            b.append("| ").append(row.category()).append(" | **").append(row.rating().label()).append("** | ")
                    .append(cell(row.evidence())).append(" | ").append(cell(row.recordedIn())).append(" |\n");
        }
        b.append('\n').append(summary(report)).append('\n');
        return b.toString();
    }

    public static Map<String, Object> json(ReadinessReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("plan", report.planName());
        doc.put("fingerprint", report.fingerprint());
        doc.put("takenAt", report.takenAt().toString());
        doc.put("basis", report.basis());
        doc.put("rehearsed", report.rehearsed());
        List<Map<String, Object>> rows = report.rows().stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("category", r.category());
            row.put("rating", r.rating().label());
            row.put("evidence", r.evidence());
            row.put("recordedIn", r.recordedIn());
            return row;
        }).toList();
        doc.put("rows", rows);
        return doc;
    }

    private static String summary(ReadinessReport report) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String rating : List.of("green", "yellow", "red")) {
            counts.put(rating, report.rows().stream().filter(r -> r.rating().label().equals(rating)).count());
        }
        return "scorecard: " + counts.get("green") + " green, " + counts.get("yellow") + " yellow, " + counts.get("red") + " red";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
