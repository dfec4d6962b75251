package dev.cutover.engine;

import dev.cutover.engine.agent.MirrorAgentSupervisor;
import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.engine.clusters.ClusterInspector;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.Progress;
import dev.cutover.engine.run.Time;
import dev.cutover.engine.mirror.MirrorProperties;
import dev.cutover.plans.Plan;
import dev.cutover.plans.PlanParser;
import dev.cutover.plans.PropertyResolver;
import dev.cutover.plans.compile.ClusterSnapshot;
import dev.cutover.plans.compile.CompiledPlan;
import dev.cutover.plans.compile.FingerprintFacts;
import dev.cutover.plans.compile.StalenessCheck;
import java.util.List;
import dev.cutover.plans.compile.PlanCompiler;
import dev.cutover.state.Ledger;
import dev.cutover.state.LedgerLock;
import dev.cutover.state.LedgerLockedException;
import dev.cutover.state.StoredPlan;
import java.nio.file.Path;

/**
 * One command's hold on a ledger: the ledger open and locked against other {@code cutover}
 * processes, the stored plan parsed again, and clients for both clusters. Closing releases all.
 */
public final class Session implements AutoCloseable {

    private final Ledger ledger;
    private final LedgerLock lock;
    private final Plan plan;
    private final ClusterClients source;
    private final ClusterClients target;

    private Session(Ledger ledger, LedgerLock lock, Plan plan, ClusterClients source, ClusterClients target) {
        this.ledger = ledger;
        this.lock = lock;
        this.plan = plan;
        this.source = source;
        this.target = target;
    }

    /** Opens and locks the ledger (exit 4 if held), and loads its plan (exit 2 if none). */
    public static Session open(Path ledgerFile, String command) {
        Ledger ledger = Ledger.open(ledgerFile);
        LedgerLock lock = null;
        try {
            lock = lockOrRefuse(ledger, command);
            StoredPlan stored = ledger.plan().orElseThrow(() -> new CutoverException(ExitCode.USAGE,
                    "the ledger " + ledgerFile + " holds no plan", null, "run `cutover plan PLAN.yaml` first"));
            Plan plan = StoredPlanParser.parse(stored);
            PropertyResolver resolver = new PropertyResolver();
            // Resolved here only to check: a missing variable is exit 2 now, not a failed mirror agent later.
            MirrorProperties.resolve(plan.mirror(), resolver);
            ClusterClients source = ClusterClients.of("source", plan.source(), resolver);
            ClusterClients target = ClusterClients.of("target", plan.target(), resolver);
            return new Session(ledger, lock, plan, source, target);
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            ledger.close();
            throw e;
        }
    }

    static LedgerLock lockOrRefuse(Ledger ledger, String command) {
        try {
            return ledger.acquireLock(command);
        } catch (LedgerLockedException e) {
            throw new CutoverException(ExitCode.REFUSED, e.getMessage(), null,
                    "wait for the other cutover to finish; a holder that died is taken over automatically", e);
        }
    }

    /**
     * Compiles the plan against the clusters as they are now and refuses (exit 4) when the
     * result differs from what {@code cutover plan} stored.
     */
    public CompiledPlan compileFresh() {
        ClusterSnapshot src = ClusterInspector.source(source, plan);
        ClusterSnapshot tgt = ClusterInspector.target(target, src.topics().keySet());
        CompiledPlan compiled = PlanCompiler.compile(plan, src, tgt);
        String stored = ledger.plan().map(StoredPlan::fingerprint).orElse("");
        if (!compiled.fingerprint().equals(stored)) {
            List<String> changes = StalenessCheck.changes(ledger.planFacts(), FingerprintFacts.of(plan, src, tgt));
            throw new CutoverException(ExitCode.REFUSED, "the stored plan is stale: the clusters changed since `cutover plan`",
                    changes.isEmpty() ? "the fingerprint differs (stored " + shortPrint(stored) + ", now "
                            + shortPrint(compiled.fingerprint()) + ")" : String.join("\n", changes),
                    "review the change, then run `cutover plan " + plan.sourceFile() + "` again");
        }
        return compiled;
    }

    /**
     * Compiles the plan against the clusters as they are now, stale or not: a rollback must always
     * be possible, and it works from the ledger's records, not from the compiled actions.
     */
    public CompiledPlan compileAsIs() {
        ClusterSnapshot src = ClusterInspector.source(source, plan);
        ClusterSnapshot tgt = ClusterInspector.target(target, src.topics().keySet());
        return PlanCompiler.compile(plan, src, tgt);
    }

    private static String shortPrint(String fingerprint) {
        return fingerprint.length() > 12 ? fingerprint.substring(0, 12) : fingerprint;
    }

    public GateContext context(CompiledPlan compiled, Progress progress) {
        return new GateContext(compiled, source, target, ledger, new MirrorAgentSupervisor(ledger.file()),
                Time.system(), progress);
    }

    public Ledger ledger() {
        return ledger;
    }

    public Plan plan() {
        return plan;
    }

    @Override
    public void close() {
        try {
            source.close();
            target.close();
        } finally {
            try {
                lock.close();
            } finally {
                ledger.close();
            }
        }
    }
}
