package dev.cutover.engine.gates;

import dev.cutover.plans.GateName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gates this build of cutover can run, by name. */
public final class GateCatalog {

    private final Map<GateName, Gate> gates = new EnumMap<>(GateName.class);

    public GateCatalog(List<Gate> available) {
        available.forEach(g -> gates.put(g.name(), g));
    }

    /** Every gate implemented so far, in contract order. */
    public static GateCatalog standard() {
        return new GateCatalog(List.of(new PreflightGate(), new TopicsGate(), new MirrorGate(), new InSyncGate(),
                new SwitchProducersGate(), new MoveConsumersGate(), new ObserveGate(), new FinalizeGate()));
    }

    /** The gates a rollback undoes, last gate first. */
    public List<Gate> undoneByRollback() {
        List<Gate> undone = new ArrayList<>(gates.values().stream().filter(Gate::undoneByRollback).toList());
        Collections.reverse(undone);
        return undone;
    }

    public Optional<Gate> find(GateName name) {
        return Optional.ofNullable(gates.get(name));
    }
}
