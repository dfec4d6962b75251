package dev.cutover.engine.producers;

import dev.cutover.engine.mirror.CopyPosition;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The one reader and writer of switch-producers' evidence. Its JSON shape (what {@code status
 * --output json} and the report show) is
 * <pre>
 *   producers: {NAME: {phase, replayId, report, stoppedAt, stopControlMs, quietAfterMs, crossChecked,
 *                      startControlMs, startedAt, writePauseMs, firstTargetReplayId, seenOnTargetAt,
 *                      returnStoppedAt, returnStopControlMs, returnStartControlMs, returnedAt, putBackError}}
 *   switch:    {drained: {"TOPIC-PARTITION": {source, target}}, mirrorStopped, lastSourceWriteMs, startedMs,
 *               startedBy, prepareMs, quietMs, switchMs, controlsMs, overheadMs, returnQuietMs, putBackError}
 * </pre>
 * Absent figures are left out. A partition key is parsed here and nowhere else.
 */
final class SwitchCodec {

    private SwitchCodec() {
    }

    static Map<String, Object> write(SwitchRecord record) {
        Map<String, Object> producers = new LinkedHashMap<>();
        for (ProducerSwitch p : record.producers()) {
            ProducerSwitch.Facts f = p.facts();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("phase", f.phase().name());
            if (f.position() != null) {
                put(m, "replayId", f.position().replayId());
                put(m, "report", f.position().report());
            }
            put(m, "stoppedAt", f.stoppedAt());
            put(m, "stopControlMs", f.stopControlMs());
            put(m, "quietAfterMs", f.quietAfterMs());
            put(m, "crossChecked", f.crossChecked());
            put(m, "startControlMs", f.startControlMs());
            put(m, "startedAt", f.startedAt());
            put(m, "writePauseMs", f.writePauseMs());
            put(m, "firstTargetReplayId", f.firstTargetReplayId());
            put(m, "seenOnTargetAt", f.seenOnTargetAt());
            put(m, "returnStoppedAt", f.returnStoppedAt());
            put(m, "returnStopControlMs", f.returnStopControlMs());
            put(m, "returnStartControlMs", f.returnStartControlMs());
            put(m, "returnedAt", f.returnedAt());
            put(m, "putBackError", f.putBackError());
            producers.put(p.producer(), m);
        }
        Map<String, Object> shared = new LinkedHashMap<>();
        synchronized (record) {
            Map<String, Object> drained = new TreeMap<>();
            record.switchPoints().forEach((tp, at) -> drained.put(tp.toString(),
                    Map.of("source", at.nextSourceOffset(), "target", at.nextTargetOffset())));
            if (!drained.isEmpty()) {
                shared.put("drained", drained);
            }
            shared.put("mirrorStopped", record.mirrorTurned());
            put(shared, "lastSourceWriteMs", record.lastSourceWriteMs());
            SwitchRecord.Timings t = record.timings();
            put(shared, "startedMs", t.startedMs);
            put(shared, "startedBy", t.startedBy);
            put(shared, "prepareMs", t.prepareMs);
            put(shared, "quietMs", t.quietMs);
            put(shared, "switchMs", t.switchMs);
            put(shared, "controlsMs", t.controlsMs);
            put(shared, "overheadMs", t.overheadMs);
            put(shared, "returnQuietMs", t.returnQuietMs);
            put(shared, "putBackError", record.putBackError());
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("producers", producers);
        evidence.put("switch", shared);
        return evidence;
    }

    /** The record with an entry for each of {@code names} (fresh where the evidence has none). */
    static SwitchRecord read(Map<String, Object> evidence, Collection<String> names) {
        SwitchRecord record = new SwitchRecord(names);
        Map<?, ?> producers = evidence.get("producers") instanceof Map<?, ?> m ? m : Map.of();
        for (String name : names) {
            if (producers.get(name) instanceof Map<?, ?> facts) {
                record.producer(name).restore(facts(facts));
            }
        }
        readShared(evidence, record);
        return record;
    }

    /** The record with the producers the evidence names. */
    static SwitchRecord read(Map<String, Object> evidence) {
        Map<?, ?> producers = evidence.get("producers") instanceof Map<?, ?> m ? m : Map.of();
        return read(evidence, producers.keySet().stream().map(String::valueOf).toList());
    }

    private static void readShared(Map<String, Object> evidence, SwitchRecord record) {
        Map<?, ?> shared = evidence.get("switch") instanceof Map<?, ?> m ? m : Map.of();
        Map<TopicPartition, CopyPosition> points = new LinkedHashMap<>();
        if (shared.get("drained") instanceof Map<?, ?> drained) {
            drained.forEach((key, value) -> {
                Map<?, ?> at = (Map<?, ?>) value;
                points.put(partition(String.valueOf(key)), new CopyPosition(number(at.get("source")), number(at.get("target"))));
            });
        }
        record.restore(points, Boolean.TRUE.equals(shared.get("mirrorStopped")), optionalNumber(shared.get("lastSourceWriteMs")),
                (String) shared.get("putBackError"));
        SwitchRecord.Timings t = record.timings();
        t.startedMs = optionalNumber(shared.get("startedMs"));
        t.startedBy = (String) shared.get("startedBy");
        t.prepareMs = optionalNumber(shared.get("prepareMs"));
        t.quietMs = optionalNumber(shared.get("quietMs"));
        t.switchMs = optionalNumber(shared.get("switchMs"));
        t.controlsMs = optionalNumber(shared.get("controlsMs"));
        t.overheadMs = optionalNumber(shared.get("overheadMs"));
        t.returnQuietMs = optionalNumber(shared.get("returnQuietMs"));
    }

    private static ProducerSwitch.Facts facts(Map<?, ?> m) {
        ResumePosition position = m.containsKey("report") || m.containsKey("replayId")
                ? new ResumePosition((String) m.get("replayId"), (String) m.get("report")) : null;
        return new ProducerSwitch.Facts(SwitchPhase.valueOf(String.valueOf(m.get("phase"))), position,
                instant(m.get("stoppedAt")), optionalNumber(m.get("stopControlMs")), optionalNumber(m.get("quietAfterMs")),
                optionalNumber(m.get("startControlMs")), instant(m.get("startedAt")), optionalNumber(m.get("writePauseMs")),
                (String) m.get("firstTargetReplayId"), instant(m.get("seenOnTargetAt")), (Boolean) m.get("crossChecked"),
                instant(m.get("returnStoppedAt")), optionalNumber(m.get("returnStopControlMs")),
                optionalNumber(m.get("returnStartControlMs")), instant(m.get("returnedAt")), (String) m.get("putBackError"));
    }

    /** {@code "sfdc.cdc-account-3"} is partition 3 of topic {@code sfdc.cdc-account}: the number follows the last dash. */
    static TopicPartition partition(String key) {
        int dash = key.lastIndexOf('-');
        return new TopicPartition(key.substring(0, dash), Integer.parseInt(key.substring(dash + 1)));
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value instanceof Instant i ? i.toString() : value);
        }
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static Long optionalNumber(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    private static Instant instant(Object value) {
        return value == null ? null : Instant.parse(String.valueOf(value));
    }
}
