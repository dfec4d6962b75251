package dev.cutover.cli;

import dev.cutover.cli.render.Json;
import dev.cutover.cli.render.TerminalProgress;
import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.engine.Session;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.rollback.Rollback;
import dev.cutover.state.GateRecord;
import dev.cutover.state.GateState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rollback", description = "Put producers and consumers back on the source: undo the passed gates in "
        + "reverse order, losing nothing (records written on the target meanwhile reach the source first). "
        + "Run again after a crash or kill: it continues where it stopped. Exit 3 when done.")
final class RollbackCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the ledger's audit trail (default: asked for).")
    String reason = "asked for";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        long began = System.nanoTime();
        List<GateRecord> after;
        try (Session session = Session.open(common.ledger(), "rollback")) {
            GateContext context = session.context(session.compileAsIs(), new TerminalProgress(spec.commandLine().getErr()));
            try {
                new Rollback().rollBack(context, reason);
            } catch (GateFailedException e) {
                throw new CutoverException(ExitCode.FAILED, "the rollback stopped: " + e.getMessage(),
                        "what was rolled back so far is recorded in the ledger", e.remedy());
            }
            after = session.ledger().gates();
        }
        long ms = (System.nanoTime() - began) / 1_000_000;
        List<String> rolledBack = after.stream().filter(g -> g.state() == GateState.ROLLED_BACK).map(GateRecord::name).toList();
        if (common.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("rolledBack", rolledBack);
            doc.put("reason", reason);
            doc.put("tookMs", ms);
            spec.commandLine().getOut().println(Json.write(doc));
        } else if (rolledBack.isEmpty()) {
            spec.commandLine().getOut().println("nothing had moved: producers and consumers are on the source");
        } else {
            spec.commandLine().getOut().printf("rolled back %s in %d ms: producers and consumers are on the source%n",
                    String.join(", ", rolledBack), ms);
        }
        return ExitCode.ROLLED_BACK.code();
    }
}
