package dev.cutover.cli;

import dev.cutover.cli.render.Json;
import dev.cutover.cli.render.PlanJson;
import dev.cutover.cli.render.PlanText;
import dev.cutover.engine.Planner;
import dev.cutover.engine.Planner.PlanResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "plan", description = "Validate PLAN.yaml, compile it against both clusters (read-only), store it in the ledger, print it.")
final class PlanCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "PLAN.yaml", description = "The plan file.")
    Path planFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PlanResult result = Planner.plan(planFile, common.ledger());
        if (common.json()) {
            spec.commandLine().getOut().println(Json.write(PlanJson.of(result, common.ledger().toString())));
        } else {
            spec.commandLine().getOut().print(PlanText.of(result, common.ledger().toString()));
        }
        return 0;
    }
}
