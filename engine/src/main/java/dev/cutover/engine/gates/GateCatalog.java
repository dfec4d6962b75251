package dev.cutover.engine.gates;

import dev.cutover.plans.GateName;
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

    public Optional<Gate> find(GateName name) {
        return Optional.ofNullable(gates.get(name));
    }
}
