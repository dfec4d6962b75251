package dev.cutover.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The switch benchmark's table: every round, then the medians, then the verdict on the gate's
 * overhead against its target. Missing figures print as {@code -}; column widths are computed.
 */
final class SwitchTable {

    private static final String[] HEADERS = {"ROUND", "PRODUCERS", "WRITE PAUSE", "QUIESCE WAIT", "CONTROLS",
        "GATE OVERHEAD", "SWITCH", "STEP", "TARGET", "CORRECT"};
    /** Columns holding figures, aligned right. */
    private static final boolean[] RIGHT = {false, true, true, true, true, true, true, true, false, false};

    private SwitchTable() {
    }

    /**
     * @param loadBefore the machine's 1-minute load average when the run started (negative if unknown)
     * @param loadAfter  the same when it ended
     */
    static String render(List<SwitchResult> results, SwitchOptions options, double eventsPerSecond, long targetMs,
                         double loadBefore, double loadAfter) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (SwitchResult r : results) {
            rows.add(new String[] {String.valueOf(r.round()), String.valueOf(r.producers()), ms(r.evidence().maxWritePauseMs()),
                ms(r.evidence().quietMs()), ms(r.evidence().controlsMs()), ms(r.evidence().overheadMs()),
                ms(r.evidence().switchMs()), ms(r.stepMs()), verdict(r.evidence().overheadMs(), targetMs),
                r.correct() ? "yes" : "NO"});
        }
        OptionalLong overhead = median(results, e -> e.evidence().overheadMs());
        rows.add(new String[] {"median", String.valueOf(options.producers()),
            ms(median(results, r -> r.evidence().maxWritePauseMs())), ms(median(results, r -> r.evidence().quietMs())),
            ms(median(results, r -> r.evidence().controlsMs())), ms(overhead), ms(median(results, r -> r.evidence().switchMs())),
            ms(median(results, SwitchResult::stepMs)), verdict(overhead, targetMs), ""});

        StringBuilder b = new StringBuilder();
        b.append(String.format("cutover bench switch: %d producers x %.0f events/s (1-3 partitions each, http controls), quiesce window 1 s, Kafka %s, "
                        + "%d cores, load average %s at the start, %s at the end; the switch step in %s%n%n",
                options.producers(), eventsPerSecond, org.apache.kafka.common.utils.AppInfoParser.getVersion(),
                Runtime.getRuntime().availableProcessors(), load(loadBefore), load(loadAfter),
                options.inProcess() ? "the bench's warm JVM" : "a fresh JVM per round, as `cutover step` runs it"));
        int[] widths = new int[HEADERS.length];
        rows.forEach(row -> {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        });
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String format = "%" + (RIGHT[c] ? "" : "-") + widths[c] + "s";
                line.append(String.format(format, row[c])).append(c < row.length - 1 ? "  " : "");
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        long correct = results.stream().filter(SwitchResult::correct).count();
        b.append(String.format("%nWRITE PAUSE: the longest, over the producers, from the last source write to the first target record.%n"));
        b.append(String.format("SWITCH = CONTROLS + QUIESCE WAIT + GATE OVERHEAD (first stop call to last start call returned); "
                + "STEP: the whole gate, checks included.%n"));
        b.append(String.format("gate overhead for %d producers: median %s (target <= %,d ms): %s%n", options.producers(), ms(overhead),
                targetMs, verdict(overhead, targetMs)));
        b.append(String.format("correct (every replay id on the target once, in order): %d of %d rounds%n", correct, results.size()));
        for (SwitchResult r : results) {
            if (!r.note().isEmpty()) {
                b.append(String.format("round %d: %s%n", r.round(), r.note()));
            }
        }
        return b.toString();
    }

    private static OptionalLong median(List<SwitchResult> results, Function<SwitchResult, OptionalLong> figure) {
        List<Double> values = results.stream().map(figure).filter(OptionalLong::isPresent).map(v -> (double) v.getAsLong()).toList();
        return values.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Math.round(BenchMain.median(values)));
    }

    private static String load(double average) {
        return average < 0 ? "-" : String.format("%.1f", average);
    }

    private static String ms(OptionalLong value) {
        return value.isPresent() ? String.format("%,d ms", value.getAsLong()) : "-";
    }

    private static String verdict(OptionalLong overhead, long targetMs) {
        return overhead.isEmpty() ? "-" : overhead.getAsLong() <= targetMs ? "PASS" : "FAIL";
    }
}
