package dev.cutover.engine.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.engine.StoredPlanParser;
import dev.cutover.engine.agent.MirrorAgentSupervisor;
import dev.cutover.engine.triggers.EvaluationLog;
import dev.cutover.plans.MirrorEngine;
import dev.cutover.plans.Plan;
import dev.cutover.state.GateRecord;
import dev.cutover.state.Ledger;
import dev.cutover.state.MirrorProgress;
import dev.cutover.state.StoredPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@link StatusView} from the ledger. Takes no lock: status must answer while a
 * {@code step} or the agent is busy, and SQLite's WAL gives it a consistent snapshot.
 */
public final class StatusReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusReader() {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> latestTriggers(Ledger ledger) {
        return ledger.setting(EvaluationLog.LATEST).map(text -> {
            try {
                return (Map<String, Object>) JSON.readValue(text, Map.class);
            } catch (JsonProcessingException e) {
                return Map.<String, Object>of("error", "unreadable: " + e.getOriginalMessage());
            }
        }).orElse(Map.of());
    }

    /** The mirror on Kafka Connect when the stored plan runs it there; a plan this version refuses shows none. */
    private static Optional<ConnectMirrorView> connectMirror(StoredPlan stored) {
        Plan plan;
        try {
            plan = StoredPlanParser.parse(stored);
        } catch (CutoverException e) {
            return Optional.empty(); // `step` says why the stored plan is refused; status shows the ledger regardless
        }
        return plan.mirror().engine() == MirrorEngine.CONNECT ? Optional.of(ConnectMirrorView.read(plan)) : Optional.empty();
    }

    public static StatusView read(Path ledgerFile) {
        if (!Files.exists(ledgerFile)) {
            throw new CutoverException(ExitCode.USAGE, "no ledger at " + ledgerFile, null,
                    "run `cutover plan PLAN.yaml` first, or pass --ledger PATH");
        }
        try (Ledger ledger = Ledger.open(ledgerFile)) {
            StoredPlan plan = ledger.plan().orElseThrow(() -> new CutoverException(ExitCode.USAGE,
                    "the ledger " + ledgerFile + " holds no plan", null, "run `cutover plan PLAN.yaml` first"));
            List<GateRecord> gates = ledger.gates();
            List<MirrorProgress> progress = ledger.mirrorProgress().values().stream()
                    .sorted(Comparator.comparing(MirrorProgress::topic).thenComparingInt(MirrorProgress::partition))
                    .toList();
            Optional<ConnectMirrorView> connect = connectMirror(plan);
            return new StatusView(plan.name(), plan.fingerprint(), plan.sourceFile(), CutoverState.of(gates), gates,
                    ledger.positions(), new MirrorAgentSupervisor(ledgerFile).health(ledger), progress,
                    ledger.mirrorDirection().label(), latestTriggers(ledger), connect);
        }
    }
}
