package dev.cutover.cli;

import dev.cutover.cli.render.Json;
import dev.cutover.cli.render.TerminalProgress;
import dev.cutover.engine.Cutover;
import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.engine.Session;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.engine.gates.Stepper;
import dev.cutover.plans.GateName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", description = "Run gates one after another until the plan is done, a gate fails, or --until GATE has passed.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--until", paramLabel = "GATE", description = "Stop after this gate has passed (e.g. in-sync).")
    String until;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (until != null) {
            try {
                GateName.fromLabel(until);
            } catch (IllegalArgumentException e) {
                throw new CutoverException(ExitCode.USAGE, "--until " + until + " is not a gate", null,
                        "use one of: preflight, topics, mirror, in-sync, switch-producers, move-consumers, observe, finalize");
            }
        }
        List<StepOutcome> outcomes = new ArrayList<>();
        try (Session session = Session.open(common.ledger(), "run")) {
            Stepper stepper = Cutover.stepper();
            while (true) {
                GateContext context = session.context(session.compileFresh(), new TerminalProgress(spec.commandLine().getErr()));
                StepOutcome outcome = stepper.step(context);
                outcomes.add(outcome);
                if (!common.json()) {
                    StepCommand.print(spec, common, outcome);
                }
                if (outcome.planDone() || !outcome.passed() || outcome.gate().equals(until)) {
                    break;
                }
            }
        }
        if (common.json()) {
            spec.commandLine().getOut().println(Json.write(Map.of("steps", outcomes.stream().map(StepCommand::json).toList())));
        }
        return Cutover.exitCode(outcomes.get(outcomes.size() - 1));
    }
}
