package dev.cutover.cli;

import dev.cutover.cli.rehearse.RehearsalCheck;
import dev.cutover.cli.rehearse.RehearsalReport;
import dev.cutover.cli.rehearse.SandboxRehearsal;
import dev.cutover.cli.render.Json;
import dev.cutover.cli.render.StatusJson;
import dev.cutover.cli.render.StatusText;
import dev.cutover.cli.render.TerminalProgress;
import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.plans.MirrorEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rehearse", description = {
        "Run the plan end to end with traffic and report whether every check held.",
        "With --sandbox: on two embedded Kafka clusters and a simulated Salesforce event stream "
                + "(PLAN defaults to the bundled example). The ledger defaults to ./cutover-rehearsal.db, replaced each run."})
final class RehearseCommand implements Callable<Integer> {

    static final Path SANDBOX_LEDGER = Path.of("./cutover-rehearsal.db");

    @Mixin
    CommonOptions common;

    @Option(names = "--sandbox", description = "Rehearse on the built-in sandbox instead of the plan's clusters.")
    boolean sandbox;

    @Option(names = "--scenario", paramLabel = "rollback|finalize", defaultValue = "rollback",
            description = "How the sandbox rehearsal ends: rollback (a consumer stalls on the target, a trigger fires, "
                    + "the automatic rollback runs) or finalize (observe passes, finalize ends the cutover). "
                    + "Default: ${DEFAULT-VALUE}")
    SandboxRehearsal.Scenario scenario;

    @Option(names = "--engine", paramLabel = "embedded|connect", defaultValue = "embedded",
            converter = EngineConverter.class,
            description = "Where the sandbox runs MirrorMaker 2: embedded (cutover's mirror agent) or connect (a Kafka Connect "
                    + "worker beside the target, exactly-once). "
                    + "Default: ${DEFAULT-VALUE}")
    MirrorEngine engine;

    @Parameters(paramLabel = "PLAN.yaml", arity = "0..1", description = "The plan (default with --sandbox: the bundled example).")
    Path planFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!sandbox) {
            throw new CutoverException(ExitCode.USAGE, "rehearsing against the plan's own (staging) clusters is not available yet",
                    null, "use `cutover rehearse --sandbox`, or `cutover plan` and `cutover run` against staging");
        }
        boolean ledgerGiven = spec.commandLine().getParseResult().hasMatchedOption("--ledger");
        Path ledger = ledgerGiven ? common.ledger() : SANDBOX_LEDGER;
        if (!ledgerGiven) {
            for (String suffix : new String[] {"", "-wal", "-shm", ".agent.log"}) {
                Files.deleteIfExists(Path.of(ledger + suffix));
            }
        }
        String text = planFile == null ? SandboxPlanText.example() : read(planFile);
        String source = planFile == null ? "examples/sandbox.yaml" : planFile.toString();
        PrintWriter err = spec.commandLine().getErr();
        RehearsalReport report = new SandboxRehearsal(new TerminalProgress(err), scenario, engine).run(text, source, ledger);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json()) {
            Map<String, Object> doc = new LinkedHashMap<>(StatusJson.of(report.status()));
            doc.put("scenario", scenario.name().toLowerCase());
            doc.put("engine", engine.label());
            doc.put("checks", report.checks().stream().map(c -> Map.of("name", c.name(), "passed", c.passed(),
                    "detail", c.detail())).toList());
            doc.put("stoppedBefore", report.stoppedBefore());
            out.println(Json.write(doc));
        } else {
            out.print(text(report, ledger, scenario, engine));
        }
        out.flush();
        return report.passed() ? 0 : 1;
    }

    /** {@code embedded} or {@code connect}, as the plan writes {@code mirror.engine}. */
    static final class EngineConverter implements picocli.CommandLine.ITypeConverter<MirrorEngine> {
        @Override
        public MirrorEngine convert(String value) {
            for (MirrorEngine e : MirrorEngine.values()) {
                if (e.label().equals(value)) {
                    return e;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("expected embedded or connect, got '" + value + "'");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new CutoverException(ExitCode.USAGE, "cannot read " + file + ": " + e.getMessage(), null,
                    "check the path of the plan file");
        }
    }

    private static String text(RehearsalReport report, Path ledger, SandboxRehearsal.Scenario scenario, MirrorEngine engine) {
        StringBuilder b = new StringBuilder("\nRehearsal on the sandbox, "
                + (engine == MirrorEngine.CONNECT ? "MirrorMaker 2 on Kafka Connect, " : "") + "ending in "
                + (scenario == SandboxRehearsal.Scenario.ROLLBACK ? "a rollback" : "finalize") + "\n\n");
        b.append(StatusText.of(report.status()));
        b.append("\nchecks\n");
        for (RehearsalCheck c : report.checks()) {
            b.append(c.passed() ? "  ok    " : "  FAIL  ").append(c.name()).append(": ").append(c.detail()).append('\n');
        }
        if (report.stoppedBefore() != null) {
            b.append("\nstopped before ").append(report.stoppedBefore())
                    .append(": the gates from there on are not in this version of cutover yet").append('\n');
        }
        long held = report.checks().stream().filter(RehearsalCheck::passed).count();
        b.append("\nReadiness: ").append(held).append(" of ").append(report.checks().size()).append(" checks held")
                .append(report.passed() ? "." : " - NOT READY.").append(" Ledger: ").append(ledger).append('\n');
        return b.toString();
    }
}
