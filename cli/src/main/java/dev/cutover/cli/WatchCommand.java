package dev.cutover.cli;

import dev.cutover.cli.render.Json;
import dev.cutover.cli.render.TerminalProgress;
import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.engine.Session;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.rollback.Rollback;
import dev.cutover.engine.triggers.Breach;
import dev.cutover.engine.triggers.Evaluation;
import dev.cutover.engine.triggers.EvaluationLog;
import dev.cutover.engine.triggers.Reading;
import dev.cutover.engine.triggers.TriggerWatch;
import dev.cutover.engine.triggers.Triggers;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "watch", description = "Evaluate the rollback triggers once a second until Ctrl-C (or --for); every "
        + "reading goes to the ledger. On a confirmed breach it rolls back by itself (exit 3) when the plan says "
        + "rollback.automatic: true, and otherwise stops with exit 1 naming the breach.")
final class WatchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--for", paramLabel = "DURATION", description = "Stop after this long (e.g. 10m, 30s); default: until Ctrl-C.")
    String forText;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Duration limit = forText == null ? null : parse(forText);
        PrintWriter out = spec.commandLine().getOut();
        try (Session session = Session.open(common.ledger(), "watch")) {
            GateContext context = session.context(session.compileAsIs(), new TerminalProgress(spec.commandLine().getErr()));
            EvaluationLog log = new EvaluationLog(session.ledger(), "watch");
            Instant deadline = limit == null ? null : context.clock().instant().plus(limit);
            Evaluation last;
            try (TriggerWatch watch = new TriggerWatch(Triggers.of(context.plan(), context.target(), context.clock()),
                    context.clock())) {
                while (true) {
                    last = watch.evaluate();
                    log.record(last);
                    if (!common.json()) {
                        out.println(line(last));
                        out.flush();
                    }
                    Optional<Breach> breach = last.firstConfirmed();
                    if (breach.isPresent()) {
                        return breached(context, breach.get(), last);
                    }
                    if (deadline != null && !context.clock().instant().isBefore(deadline)) {
                        break;
                    }
                    Thread.sleep(1_000); // the evaluation period
                }
            }
            if (common.json()) {
                out.println(Json.write(document(last, null, false)));
            }
            return ExitCode.DONE.code();
        }
    }

    private int breached(GateContext context, Breach breach, Evaluation last) {
        boolean automatic = context.plan().rollback().automatic();
        String reason = "rollback trigger " + breach.describe();
        if (automatic) {
            try {
                new Rollback().rollBack(context, reason);
            } catch (GateFailedException e) {
                throw new CutoverException(ExitCode.FAILED, reason + "; the automatic rollback stopped: " + e.getMessage(),
                        "what was rolled back so far is recorded in the ledger", e.remedy());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json()) {
            out.println(Json.write(document(last, breach, automatic)));
        } else {
            out.println(automatic ? "rolled back: " + reason : "breach: " + reason + "\n  fix: run `cutover rollback`");
        }
        return automatic ? ExitCode.ROLLED_BACK.code() : ExitCode.FAILED.code();
    }

    private static String line(Evaluation e) {
        StringBuilder s = new StringBuilder(e.at().toString());
        for (Reading r : e.readings()) {
            s.append("  ").append(r.trigger()).append(": ").append(r.valueText()).append(r.breached() ? " BREACHED" : "");
        }
        e.failures().forEach(f -> s.append("  ").append(f.trigger()).append(": ERROR ").append(f.message()));
        return s.toString();
    }

    private static Map<String, Object> document(Evaluation last, Breach breach, boolean rolledBack) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> readings = new LinkedHashMap<>();
        if (last != null) {
            last.readings().forEach(r -> readings.put(r.trigger(), Map.of("value", r.value(), "text", r.valueText(),
                    "threshold", r.threshold(), "breached", r.breached())));
        }
        doc.put("triggers", readings);
        doc.put("breach", breach == null ? null : breach.describe());
        doc.put("rolledBack", rolledBack);
        return doc;
    }

    private static Duration parse(String text) {
        return dev.cutover.plans.Durations.parse(text).orElseThrow(() -> new CutoverException(ExitCode.USAGE,
                "--for " + text + " is not a duration", null, "write it like 30s, 10m or 1h"));
    }
}
