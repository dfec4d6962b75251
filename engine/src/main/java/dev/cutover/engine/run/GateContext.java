package dev.cutover.engine.run;

import dev.cutover.engine.agent.MirrorAgentSupervisor;
import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.plans.Plan;
import dev.cutover.plans.compile.CompiledPlan;
import dev.cutover.state.Ledger;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * What a gate works with: the plan as compiled against the clusters a moment ago, clients for
 * both clusters, the ledger, the mirror agent's supervisor, the time (clock and sleep) and a progress sink.
 */
public record GateContext(
        CompiledPlan compiled,
        ClusterClients source,
        ClusterClients target,
        Ledger ledger,
        MirrorAgentSupervisor agents,
        Time time,
        Progress progress) {

    public Plan plan() {
        return compiled.plan();
    }

    public Clock clock() {
        return time.clock();
    }

    /** Polls until {@code attempt} answers, on this context's time; see {@link Poll#until}. */
    public <T, E extends Exception> T pollUntil(Duration every, Duration timeout, Poll.Attempt<T, E> attempt,
                                                Function<Duration, E> expired) throws E {
        return Poll.until(time, every, timeout, attempt, expired);
    }
}
