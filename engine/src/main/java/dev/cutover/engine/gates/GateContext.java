package dev.cutover.engine.gates;

import dev.cutover.engine.agent.MirrorAgentSupervisor;
import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.plans.Plan;
import dev.cutover.plans.compile.CompiledPlan;
import dev.cutover.state.Ledger;
import java.time.Clock;

/**
 * What a gate works with: the plan as compiled against the clusters a moment ago, clients for
 * both clusters, the ledger, the mirror agent's supervisor, a clock and a progress sink.
 */
public record GateContext(
        CompiledPlan compiled,
        ClusterClients source,
        ClusterClients target,
        Ledger ledger,
        MirrorAgentSupervisor agents,
        Clock clock,
        Progress progress) {

    public Plan plan() {
        return compiled.plan();
    }
}
