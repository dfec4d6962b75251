package dev.cutover.cli;

import picocli.CommandLine.Command;

/** The root: {@code cutover COMMAND}. */
@Command(name = "cutover",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Moves a live Kafka event pipeline to another cluster, gate by gate, without losing, "
                + "duplicating or reordering a record.",
        subcommands = {PlanCommand.class, StepCommand.class, RunCommand.class, StatusCommand.class, WatchCommand.class,
                RollbackCommand.class, RehearseCommand.class, ReportCommand.class})
public final class CutoverCommand {
}
