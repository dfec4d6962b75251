package dev.cutover.sandbox;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that what a bus emitted arrived in Kafka exactly once and in order per key.
 *
 * <p>Replay ids are opaque: they are only compared for equality (as base64 strings), and order is
 * the bus' publish order, i.e. the position in the emitted list, never anything computed on the
 * bytes. Records are taken in the order given, which should be the order a consumer meets them:
 * for a cutover, the source topic before the target topic. Within a key, each replay id read for
 * the first time must have been published after every one read before it for that key. Records
 * without a key (overflow events) count for loss and duplication but have no order to check.
 */
public final class TrafficCheck {

    private TrafficCheck() {
    }

    /**
     * @param emittedReplayIds the ids the bus published, in publish order (see
     *                         {@link SalesforceEventBus#emittedReplayIds})
     * @param records          everything read from the topics, source first
     */
    public static TrafficReport check(List<byte[]> emittedReplayIds, List<TopicRecord> records) {
        Base64.Encoder base64 = Base64.getEncoder();
        Map<String, Integer> publishIndex = new HashMap<>(emittedReplayIds.size() * 2);
        List<String> emitted = new ArrayList<>(emittedReplayIds.size());
        for (byte[] id : emittedReplayIds) {
            String key = base64.encodeToString(id);
            publishIndex.putIfAbsent(key, emitted.size());
            emitted.add(key);
        }

        Map<String, Integer> seen = new LinkedHashMap<>();
        Map<String, Integer> newestPerKey = new HashMap<>();
        List<String> reordered = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        long found = 0;
        for (TopicRecord r : records) {
            if (r.replayId() == null) {
                unexpected.add("no " + BridgeProducer.REPLAY_ID_HEADER + " header at " + where(r));
                continue;
            }
            found++;
            String id = r.replayIdBase64();
            Integer index = publishIndex.get(id);
            if (index == null) {
                unexpected.add(id + " at " + where(r) + " was never published by the bus");
                continue;
            }
            if (seen.merge(id, 1, Integer::sum) > 1 || r.key() == null) {
                continue; // a repeat is reported as duplicated, not also as out of order
            }
            Integer newest = newestPerKey.get(r.key());
            if (newest != null && index < newest) {
                reordered.add("key " + r.key() + ": " + id + " (published #" + index + ") read at " + where(r)
                        + " after " + emitted.get(newest) + " (published #" + newest + ")");
            } else {
                newestPerKey.put(r.key(), index);
            }
        }

        List<String> lost = new ArrayList<>();
        for (String id : emitted) {
            if (!seen.containsKey(id)) {
                lost.add(id);
            }
        }
        List<String> duplicated = new ArrayList<>();
        seen.forEach((id, count) -> {
            if (count > 1) {
                duplicated.add(id + " x" + count);
            }
        });
        return new TrafficReport(emitted.size(), found, lost, duplicated, reordered, unexpected);
    }

    private static String where(TopicRecord r) {
        return r.topic() + "-" + r.partition() + "@" + r.offset();
    }
}
