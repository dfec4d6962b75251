package dev.cutover.cli;

import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.engine.agent.MirrorAgentSupervisor;
import dev.cutover.engine.rehearsal.StagingRehearsal;
import dev.cutover.plans.GateName;
import dev.cutover.state.GateRecord;
import dev.cutover.state.GateState;
import dev.cutover.state.Ledger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A rehearsal's ledger is replaced each run, as long as it is one (a cutover's own ledger is never
 * replaced) and records nothing still in progress on real clusters: a staging rehearsal killed halfway has producers or groups on the target, or its
 * mirror agent running, and only that ledger knows how to bring them back.
 */
final class RehearsalLedger {

    private static final String[] FILES = {"", "-wal", "-shm", ".agent.log", ".report.md"};

    private RehearsalLedger() {
    }

    /** Deletes the sandbox's ledger of an earlier run: its clusters are gone with that run. */
    static void discard(Path ledger) throws IOException {
        for (String suffix : FILES) {
            Files.deleteIfExists(Path.of(ledger + suffix));
        }
    }

    /** Deletes an earlier staging rehearsal's ledger, or refuses (exit 4) when it is still in progress. */
    static void replace(Path ledger) throws IOException {
        if (!Files.exists(ledger)) {
            discard(ledger);
            return;
        }
        List<String> open;
        boolean agentAlive;
        try (Ledger l = Ledger.open(ledger)) {
            if (l.setting(StagingRehearsal.MARKER).isEmpty()) {
                throw new CutoverException(ExitCode.REFUSED, ledger + " is not a rehearsal's ledger", null,
                        "a rehearsal replaces its ledger each run: give it one of its own with --ledger (default "
                                + "./cutover-rehearsal.db)");
            }
            open = l.gates().stream().filter(g -> g.state() == GateState.RUNNING
                    || g.state() == GateState.PASSED && moves(g.name())).map(GateRecord::name).toList();
            agentAlive = new MirrorAgentSupervisor(ledger).health(l).alive();
        }
        if (!open.isEmpty() || agentAlive) {
            throw new CutoverException(ExitCode.REFUSED, "the ledger " + ledger + " records a rehearsal still in progress",
                    (open.isEmpty() ? "" : "gates " + open + " have moved traffic or are running; ")
                            + (agentAlive ? "its mirror agent is running" : ""),
                    "finish it first: `cutover rollback --ledger " + ledger + "` brings everything back to the source; "
                            + "or rehearse with another --ledger");
        }
        discard(ledger);
    }

    private static boolean moves(String gate) {
        return gate.equals(GateName.SWITCH_PRODUCERS.label()) || gate.equals(GateName.MOVE_CONSUMERS.label());
    }
}
