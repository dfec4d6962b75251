package dev.cutover.sandbox;

import java.util.List;

/**
 * What {@link TrafficCheck} found. Replay ids appear as base64.
 *
 * @param emitted    events the bus published
 * @param found      records read that carry a replay id header
 * @param lost       replay ids published but in no topic
 * @param duplicated replay ids found more than once, with their count
 * @param reordered  per key, events read in another order than published
 * @param unexpected records without a replay id header, or with one the bus never published
 */
public record TrafficReport(long emitted, long found, List<String> lost, List<String> duplicated,
                            List<String> reordered, List<String> unexpected) {

    public TrafficReport {
        lost = List.copyOf(lost);
        duplicated = List.copyOf(duplicated);
        reordered = List.copyOf(reordered);
        unexpected = List.copyOf(unexpected);
    }

    public TrafficReport(long emitted, long found, List<String> lost, List<String> duplicated, List<String> reordered) {
        this(emitted, found, lost, duplicated, reordered, List.of());
    }

    /** Nothing lost, repeated, reordered or unaccounted for. */
    public boolean clean() {
        return lost.isEmpty() && duplicated.isEmpty() && reordered.isEmpty() && unexpected.isEmpty();
    }

    /** One line for logs and check details, e.g. "emitted 10300, found 10300: 0 lost, 0 duplicated, 0 reordered". */
    public String summary() {
        String line = "emitted " + emitted + ", found " + found + ": " + lost.size() + " lost, " + duplicated.size()
                + " duplicated, " + reordered.size() + " reordered";
        if (!unexpected.isEmpty()) {
            line += ", " + unexpected.size() + " unexpected";
        }
        return line + firstOf("lost", lost) + firstOf("duplicated", duplicated) + firstOf("reordered", reordered)
                + firstOf("unexpected", unexpected);
    }

    private static String firstOf(String what, List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        return "; first " + what + ": " + String.join(", ", items.subList(0, Math.min(3, items.size())));
    }

    @Override
    public String toString() {
        return "TrafficReport[" + summary() + "]";
    }
}
