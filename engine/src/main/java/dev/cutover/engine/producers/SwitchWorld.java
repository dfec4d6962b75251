package dev.cutover.engine.producers;

import dev.cutover.engine.run.GateContext;
import dev.cutover.plans.MirrorEngine;
import dev.cutover.plans.ProducerSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the switch and its return act on besides the ledger: each producer's control, the producers'
 * topics on both clusters, and the mirror. The real one is made from the plan; a unit test passes
 * fakes of all three.
 *
 * @param controls by producer name, in plan order
 */
public record SwitchWorld(Map<String, ProducerControl> controls, SwitchTopics topics, SwitchMirror mirror)
        implements AutoCloseable {

    /** The plan's controls, the two clusters and the plan's mirror (the embedded agent, or the connectors on Connect). */
    public static SwitchWorld of(GateContext context) {
        Map<String, ProducerControl> controls = new LinkedHashMap<>();
        for (ProducerSpec p : context.plan().producers()) {
            controls.put(p.name(), ProducerControls.of(p, context.source().bootstrap(), context.target().bootstrap()));
        }
        ClusterSwitchTopics topics = new ClusterSwitchTopics(context.source(), context.target());
        SwitchMirror mirror = context.plan().mirror().engine() == MirrorEngine.CONNECT
                ? ConnectSwitchMirror.of(context, topics) : new AgentSwitchMirror(context);
        return new SwitchWorld(controls, topics, mirror);
    }

    public ProducerControl control(String producer) {
        return controls.get(producer);
    }

    @Override
    public void close() {
        mirror.close();
    }
}
