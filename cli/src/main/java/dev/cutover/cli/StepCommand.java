package dev.cutover.cli;

import dev.cutover.cli.render.Json;
import dev.cutover.cli.render.TerminalProgress;
import dev.cutover.engine.Session;
import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.engine.Cutover;
import dev.cutover.plans.compile.CompiledPlan;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "step", description = "Run the next pending gate to completion (or failure), then stop. Safe to run again after a crash.")
final class StepCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Session session = Session.open(common.ledger(), "step")) {
            CompiledPlan compiled = session.compileFresh();
            StepOutcome outcome = Cutover.stepper()
                    .step(session.context(compiled, new TerminalProgress(spec.commandLine().getErr())));
            print(spec, common, outcome);
            return Cutover.exitCode(outcome);
        }
    }

    static void print(CommandSpec spec, CommonOptions common, StepOutcome outcome) {
        PrintWriter out = spec.commandLine().getOut();
        if (common.json()) {
            out.println(Json.write(json(outcome)));
            return;
        }
        if (outcome.planDone()) {
            out.println("every gate has passed");
            return;
        }
        out.printf("%s: %s in %d ms%s%n", outcome.gate(), outcome.state().label(), outcome.took().toMillis(),
                outcome.resumed() ? " (resumed an interrupted attempt)" : "");
        if (!outcome.passed()) {
            out.println("  " + outcome.detail());
            if (outcome.remedy() != null) {
                out.println("  fix: " + outcome.remedy());
            }
        }
    }

    static Map<String, Object> json(StepOutcome outcome) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gate", outcome.gate());
        m.put("state", outcome.state().label());
        m.put("resumed", outcome.resumed());
        m.put("tookMs", outcome.took().toMillis());
        m.put("detail", outcome.detail());
        m.put("remedy", outcome.remedy());
        return m;
    }
}
