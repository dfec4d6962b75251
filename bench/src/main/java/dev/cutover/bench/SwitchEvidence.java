package dev.cutover.bench;

import java.util.ArrayList;
import java.util.List;
import dev.cutover.engine.producers.ProducerSwitch;
import dev.cutover.engine.producers.SwitchRecord;
import java.util.Optional;
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

    /** The figures from the gate's record (read through its one codec); the missing ones named. */
    static SwitchEvidence of(SwitchRecord record) {
        List<String> missing = new ArrayList<>();
        SwitchRecord.Timings t = record.timings();
        OptionalLong switchMs = figure(t.switchMs(), "switch.switchMs", missing);
        OptionalLong controlsMs = figure(t.controlsMs(), "switch.controlsMs", missing);
        OptionalLong quietMs = figure(t.quietMs(), "switch.quietMs", missing);
        OptionalLong overheadMs = figure(t.overheadMs(), "switch.overheadMs", missing);
        if (record.producers().isEmpty()) {
            missing.add("producers");
        }
        List<Producer> producers = new ArrayList<>();
        for (ProducerSwitch p : record.producers()) {
            String path = "producers." + p.producer() + ".";
            producers.add(new Producer(p.producer(), figure(Optional.ofNullable(p.stopControlMs()), path + "stopControlMs", missing),
                    figure(Optional.ofNullable(p.startControlMs()), path + "startControlMs", missing),
                    figure(Optional.ofNullable(p.writePauseMs()), path + "writePauseMs", missing)));
        }
        return new SwitchEvidence(switchMs, controlsMs, quietMs, overheadMs, producers, missing);
    }

    /** The longest write pause over the producers; empty if none recorded one. */
    OptionalLong maxWritePauseMs() {
        return producers.stream().map(Producer::writePauseMs).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).max();
    }

    private static OptionalLong figure(Optional<Long> value, String path, List<String> missing) {
        if (value.isPresent()) {
            return OptionalLong.of(value.get());
        }
        missing.add(path);
        return OptionalLong.empty();
    }
}
