package dev.cutover.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The switch-producers gate's own account of its timing, read from its evidence in the ledger:
 * {@code switch.switchMs} (first stop call to last start call returned) = {@code controlsMs} (inside
 * the producers' controls) + {@code quietMs} (the quiesce wait) + {@code overheadMs} (the gate's
 * own time), and per producer the time inside its stop and start controls and its
 * {@code writePauseMs} (the last source write to its first target record). A figure the gate did
 * not record is empty, never zero, and named in {@link #missing()}.
 */
record SwitchEvidence(OptionalLong switchMs, OptionalLong controlsMs, OptionalLong quietMs, OptionalLong overheadMs,
                      List<Producer> producers, List<String> missing) {

    /** One producer's figures. */
    record Producer(String name, OptionalLong stopControlMs, OptionalLong startControlMs, OptionalLong writePauseMs) {
    }

    static final SwitchEvidence NONE = new SwitchEvidence(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), List.of(), List.of());

    SwitchEvidence {
        producers = List.copyOf(producers);
        missing = List.copyOf(missing);
    }

    static SwitchEvidence of(Map<String, Object> evidence) {
        List<String> missing = new ArrayList<>();
        Map<?, ?> shared = evidence.get("switch") instanceof Map<?, ?> m ? m : Map.of();
        OptionalLong switchMs = figure(shared, "switch.", "switchMs", missing);
        OptionalLong controlsMs = figure(shared, "switch.", "controlsMs", missing);
        OptionalLong quietMs = figure(shared, "switch.", "quietMs", missing);
        OptionalLong overheadMs = figure(shared, "switch.", "overheadMs", missing);
        Map<?, ?> byName = evidence.get("producers") instanceof Map<?, ?> m ? m : Map.of();
        if (byName.isEmpty()) {
            missing.add("producers");
        }
        List<Producer> producers = new ArrayList<>();
        byName.forEach((name, value) -> {
            Map<?, ?> facts = value instanceof Map<?, ?> m ? m : Map.of();
            String path = "producers." + name + ".";
            producers.add(new Producer(String.valueOf(name), figure(facts, path, "stopControlMs", missing),
                    figure(facts, path, "startControlMs", missing), figure(facts, path, "writePauseMs", missing)));
        });
        return new SwitchEvidence(switchMs, controlsMs, quietMs, overheadMs, producers, missing);
    }

    /** The longest write pause over the producers; empty if none recorded one. */
    OptionalLong maxWritePauseMs() {
        return producers.stream().map(Producer::writePauseMs).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).max();
    }

    private static OptionalLong figure(Map<?, ?> facts, String path, String key, List<String> missing) {
        if (facts.get(key) instanceof Number n) {
            return OptionalLong.of(n.longValue());
        }
        missing.add(path + key);
        return OptionalLong.empty();
    }
}
