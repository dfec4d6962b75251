package dev.cutover.plans;

import java.time.Duration;
import java.util.List;

/** Reads {@code gates}; each part and field falls back to {@link GateSettings#DEFAULT}. */
final class GatesReader {

    private GatesReader() {
    }

    static GateSettings read(YamlMap root, Problems problems) {
        YamlMap gates = root.map("gates", "gates: {observe: {duration: 10m}}");
        if (gates == null) {
            return root.has("gates") ? null : GateSettings.DEFAULT;
        }
        int before = problems.count();
        gates.allowOnly(List.of("in-sync", "quiesce", "move-consumers", "observe", "finalize"));
        GateSettings.InSync inSync = GateSettings.InSync.DEFAULT;
        YamlMap in = gates.map("in-sync", "in-sync: {max-lag: 0, timeout: 15m}");
        if (in != null) {
            in.allowOnly(List.of("max-lag", "timeout"));
            Long maxLag = in.count("max-lag", 0, "record count", "records", "max-lag: 0");
            Duration timeout = in.duration("timeout", true, "timeout: 15m");
            inSync = new GateSettings.InSync(maxLag == null ? inSync.maxLag() : maxLag, or(timeout, inSync.timeout()));
        }
        GateSettings.Quiesce quiesce = GateSettings.Quiesce.DEFAULT;
        YamlMap q = gates.map("quiesce", "quiesce: {window: 5s, timeout: 2m}");
        if (q != null) {
            int beforeQuiesce = problems.count();
            q.allowOnly(List.of("window", "timeout"));
            Duration window = q.duration("window", true, "window: 5s");
            Duration timeout = q.duration("timeout", true, "timeout: 2m");
            quiesce = new GateSettings.Quiesce(or(window, quiesce.window()), or(timeout, quiesce.timeout()));
            if (problems.count() == beforeQuiesce && quiesce.timeout().compareTo(quiesce.window()) < 0) {
                // The gate could never see a full quiet window before giving up.
                problems.at(q.node(), q.field("timeout"), "timeout " + Durations.format(quiesce.timeout())
                                + " is shorter than window " + Durations.format(quiesce.window()),
                        "make timeout longer than window, e.g. quiesce: {window: 5s, timeout: 2m}");
            }
        }
        GateSettings.MoveConsumers move = GateSettings.MoveConsumers.DEFAULT;
        YamlMap m = gates.map("move-consumers", "move-consumers: {parallel: 8}");
        if (m != null) {
            m.allowOnly(List.of("parallel"));
            Long parallel = m.count("parallel", 1, "group count", "groups", "parallel: 8");
            if (parallel != null && parallel > GateSettings.MoveConsumers.MAX_PARALLEL) {
                problems.at(m.value("parallel"), m.field("parallel"), "\"" + parallel + "\" is more groups at once than "
                                + GateSettings.MoveConsumers.MAX_PARALLEL + " (each holds record readers on both clusters)",
                        "set parallel to at most " + GateSettings.MoveConsumers.MAX_PARALLEL + ", e.g. parallel: 8");
            } else if (parallel != null) {
                move = new GateSettings.MoveConsumers(parallel.intValue());
            }
        }
        GateSettings.Observe observe = GateSettings.Observe.DEFAULT;
        YamlMap o = gates.map("observe", "observe: {duration: 10m}");
        if (o != null) {
            o.allowOnly(List.of("duration"));
            observe = new GateSettings.Observe(or(o.duration("duration", false, "duration: 10m"), observe.duration()));
        }
        GateSettings.Finalize finalizing = GateSettings.Finalize.DEFAULT;
        YamlMap f = gates.map("finalize", "finalize: {drain-timeout: 5m, keep-mirror-topics: false}");
        if (f != null) {
            f.allowOnly(List.of("drain-timeout", "keep-mirror-topics"));
            Duration drain = f.duration("drain-timeout", true, "drain-timeout: 5m");
            Boolean keep = f.bool("keep-mirror-topics", "keep-mirror-topics: false");
            finalizing = new GateSettings.Finalize(or(drain, finalizing.drainTimeout()),
                    keep == null ? finalizing.keepMirrorTopics() : keep);
        }
        return problems.count() > before ? null : new GateSettings(inSync, quiesce, move, observe, finalizing);
    }

    private static Duration or(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }
}
