package dev.cutover.engine;

import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.engine.clusters.ClusterInspector;
import dev.cutover.engine.mirror.MirrorProperties;
import dev.cutover.plans.GateName;
import dev.cutover.plans.InvalidPlanException;
import dev.cutover.plans.Plan;
import dev.cutover.plans.PlanParser;
import dev.cutover.plans.PropertyResolver;
import dev.cutover.plans.compile.ClusterSnapshot;
import dev.cutover.plans.compile.CompiledPlan;
import dev.cutover.plans.compile.FingerprintFacts;
import dev.cutover.plans.compile.PlanCompiler;
import dev.cutover.state.Ledger;
import dev.cutover.state.LedgerLock;
import dev.cutover.state.StoredPlan;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code cutover plan}: validates the file, reads both clusters (read-only), compiles the gates
 * and their concrete actions, and stores plan and fingerprint in the ledger. Changes nothing on
 * any cluster.
 */
public final class Planner {

    private Planner() {
    }

    /** What was compiled, with the snapshots it was compiled from, for display. */
    public record PlanResult(CompiledPlan compiled, ClusterSnapshot source, ClusterSnapshot target) {
    }

    public static Plan parse(Path planFile) {
        try {
            return PlanParser.parse(planFile);
        } catch (InvalidPlanException e) {
            throw new CutoverException(ExitCode.USAGE, "invalid plan " + planFile, e.getMessage(),
                    "fix the fields named above and run the command again", e);
        }
    }

    /** Parses plan text read from {@code source} (a file name or resource, for messages). */
    public static Plan parse(String text, String source) {
        try {
            return PlanParser.parse(text, source);
        } catch (InvalidPlanException e) {
            throw new CutoverException(ExitCode.USAGE, "invalid plan " + source, e.getMessage(),
                    "fix the fields named above and run the command again", e);
        }
    }

    /** Parses, compiles and stores the plan at {@code planFile}. */
    public static PlanResult plan(Path planFile, Path ledgerFile) {
        return plan(parse(planFile), ledgerFile);
    }

    public static PlanResult plan(Plan plan, Path ledgerFile) {
        // A ledger path that would be refused is refused before the clusters are read, not after.
        Ledger.check(ledgerFile);
        PlanResult result = compile(plan);
        try (Ledger ledger = Ledger.open(ledgerFile);
             LedgerLock ignored = Session.lockOrRefuse(ledger, "plan")) {
            CompiledPlan compiled = result.compiled();
            ledger.storePlan(new StoredPlan(plan.name(), compiled.fingerprint(), plan.sourceFile(), plan.text(), Instant.now()),
                    compiled.gates().stream().map(GateName::label).toList(),
                    FingerprintFacts.of(plan, result.source(), result.target()).describe());
            ledger.audit("plan", "stored", plan.sourceFile() + " fingerprint " + compiled.fingerprint());
        } catch (dev.cutover.state.LedgerStateException e) {
            throw new CutoverException(ExitCode.REFUSED, e.getMessage(), null,
                    "finish or roll back the cutover in progress, or use another --ledger", e);
        }
        return result;
    }

    /** Compiles against the live clusters without storing anything. */
    public static PlanResult compile(Plan plan) {
        PropertyResolver resolver = new PropertyResolver();
        // Resolved here only to check, as the clusters' are: the mirror agent resolves them again.
        MirrorProperties.resolve(plan.mirror(), resolver);
        try (ClusterClients source = ClusterClients.of("source", plan.source(), resolver);
             ClusterClients target = ClusterClients.of("target", plan.target(), resolver)) {
            ClusterSnapshot src = ClusterInspector.source(source, plan);
            List<String> names = List.copyOf(src.topics().keySet());
            ClusterSnapshot tgt = ClusterInspector.target(target, names);
            return new PlanResult(PlanCompiler.compile(plan, src, tgt), src, tgt);
        }
    }
}
