package dev.cutover.cli;

import dev.cutover.cli.render.Json;
import dev.cutover.cli.render.StatusJson;
import dev.cutover.cli.render.StatusText;
import dev.cutover.engine.status.StatusReader;
import dev.cutover.engine.status.StatusView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "status", description = "Where the cutover stands: gates, evidence, the mirror agent's health and the position map.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StatusView view = StatusReader.read(common.ledger());
        if (common.json()) {
            spec.commandLine().getOut().println(Json.write(StatusJson.of(view)));
        } else {
            spec.commandLine().getOut().print(StatusText.of(view));
        }
        return 0;
    }
}
