package dev.cutover.cli.render;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Plots drawn as inline SVG, so the report is one file that needs no network and no script: a series
 * over time (a point per reading, a threshold line, breached readings marked) and horizontal bars.
 * Each point carries its value ({@code data-value}) for whoever reads the page as data.
 */
final class SvgPlot {

    static final int WIDTH = 720;
    private static final int HEIGHT = 180;
    private static final int PAD = 40;

    /** One reading of a series. */
    record Point(Instant at, long value, boolean breached) {
    }

    /** A bar: a label, where it starts and its length, in the plot's unit. */
    record Bar(String label, double start, double length, String text) {
    }

    private SvgPlot() {
    }

    /** A series over time; {@code threshold} null for none. */
    static String series(String id, String unit, List<Point> points, Long threshold) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg id=\"%s\" class=\"plot\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "role=\"img\" aria-label=\"%s\">", Html.attr(id), WIDTH, HEIGHT, WIDTH, HEIGHT, Html.attr(id + " in " + unit)));
        if (points.isEmpty()) {
            b.append("<text x=\"10\" y=\"20\">no readings</text></svg>");
            return b.toString();
        }
        long first = points.get(0).at().toEpochMilli();
        long last = points.get(points.size() - 1).at().toEpochMilli();
        long max = Math.max(1, points.stream().mapToLong(Point::value).max().orElse(1));
        if (threshold != null) {
            max = Math.max(max, threshold);
        }
        double span = Math.max(1, last - first);
        double xScale = (WIDTH - 2.0 * PAD) / span;
        double yScale = (HEIGHT - 2.0 * PAD) / max;
        b.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", PAD, HEIGHT - PAD,
                WIDTH - PAD, HEIGHT - PAD));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%,d %s</text>", 4, PAD - 8, max, Html.text(unit)));
        if (threshold != null) {
            double y = HEIGHT - PAD - threshold * yScale;
            b.append(String.format(Locale.ROOT, "<line class=\"threshold\" data-value=\"%d\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" "
                    + "y2=\"%.1f\"/>", threshold, PAD, y, WIDTH - PAD, y));
        }
        StringBuilder line = new StringBuilder();
        for (Point p : points) {
            double x = PAD + (p.at().toEpochMilli() - first) * xScale;
            double y = HEIGHT - PAD - p.value() * yScale;
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        b.append("<polyline class=\"series\" points=\"").append(line.toString().strip()).append("\"/>");
        for (Point p : points) {
            double x = PAD + (p.at().toEpochMilli() - first) * xScale;
            double y = HEIGHT - PAD - p.value() * yScale;
            b.append(String.format(Locale.ROOT, "<circle class=\"point%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" data-value=\"%d\" "
                    + "data-at=\"%s\"><title>%s: %,d</title></circle>", p.breached() ? " breach" : "", x, y, p.breached() ? 5 : 3,
                    p.value(), p.at(), p.at(), p.value()));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", PAD, HEIGHT - 10, Html.text(points.get(0).at().toString())));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", WIDTH - PAD, HEIGHT - 10,
                Html.text(points.get(points.size() - 1).at().toString())));
        return b.append("</svg>").toString();
    }

    /** Horizontal bars, one per row, on a common scale. */
    static String bars(String id, List<Bar> bars) {
        int rowHeight = 22;
        int height = Math.max(rowHeight, bars.size() * rowHeight) + 10;
        int labelWidth = 150;
        double end = Math.max(1, bars.stream().mapToDouble(b -> b.start() + b.length()).max().orElse(1));
        double scale = (WIDTH - labelWidth - 170.0) / end;
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "<svg id=\"%s\" class=\"bars\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\">", Html.attr(id), WIDTH, height, WIDTH, height));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = 5 + i * rowHeight;
            b.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>", y + 14, Html.text(bar.label())));
            b.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"16\" data-value=\"%s\"/>",
                    labelWidth + bar.start() * scale, y, Math.max(1, bar.length() * scale), Html.attr(bar.text())));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>", labelWidth + (bar.start() + bar.length()) * scale + 6,
                    y + 14, Html.text(bar.text())));
        }
        return b.append("</svg>").toString();
    }
}
