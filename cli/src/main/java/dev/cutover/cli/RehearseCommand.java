package dev.cutover.cli;

import dev.cutover.cli.rehearse.SandboxRehearsal;
import dev.cutover.cli.render.Json;
import dev.cutover.cli.render.ScorecardText;
import dev.cutover.cli.render.StatusJson;
import dev.cutover.cli.render.StatusText;
import dev.cutover.cli.render.TerminalProgress;
import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.engine.readiness.ReadinessReport;
import dev.cutover.engine.rehearsal.RehearsalCheck;
import dev.cutover.engine.rehearsal.RehearsalReport;
import dev.cutover.engine.rehearsal.StagingRehearsal;
import dev.cutover.plans.MirrorEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
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
        "Without --sandbox: against the plan's own (staging) clusters and controls, with the traffic its producers make, "
                + "through observe, then the rollback (asked for, or automatic after --breach TRIGGER), then checks read from "
                + "the clusters: every record once and in order on the source, producers writing there again, groups at their "
                + "positions. Never finalizes.",
        "With --sandbox: on two embedded Kafka clusters and a simulated Salesforce event stream "
                + "(PLAN defaults to the bundled example).",
        "The ledger defaults to ./cutover-rehearsal.db, replaced each run unless it records a rehearsal still in progress."})
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

    @Option(names = "--breach", paramLabel = "TRIGGER",
            description = "Staging: force a breach of this rollback trigger during observe, so the automatic rollback is the path "
                    + "rehearsed (default: observe runs its course and the rollback is asked for).")
    String breach;

    @Option(names = "--producer-wait", paramLabel = "DURATION", defaultValue = "60s",
            description = "Staging: how long each producer may take to write its first event on the source again after the "
                    + "rollback. Default: ${DEFAULT-VALUE}")
    String producerWait;

    @Option(names = "--cleanup", description = "Staging: afterwards delete on the target the topics and groups this rehearsal "
            + "made there (never one that was there before; the source is not touched).")
    boolean cleanup;

    @Parameters(paramLabel = "PLAN.yaml", arity = "0..1", description = "The plan (default with --sandbox: the bundled example).")
    Path planFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean ledgerGiven = spec.commandLine().getParseResult().hasMatchedOption("--ledger");
        Path ledger = ledgerGiven ? common.ledger() : SANDBOX_LEDGER;
        if (!sandbox) {
            return staging(ledger);
        }
        if (!ledgerGiven) {
            RehearsalLedger.discard(ledger);
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
            doc.put("checks", checksJson(report));
            doc.put("stoppedBefore", report.stoppedBefore());
            doc.put("scorecard", ScorecardText.json(ReadinessReport.read(ledger, null, Clock.systemUTC())));
            out.println(Json.write(doc));
        } else {
            out.print(text(report, ledger, scenario, engine));
            out.print("\n" + ScorecardText.text(ReadinessReport.read(ledger, null, Clock.systemUTC())));
        }
        out.flush();
        return report.passed() ? 0 : 1;
    }

    private int staging(Path ledger) throws IOException {
        if (planFile == null) {
            throw new CutoverException(ExitCode.USAGE, "rehearse needs PLAN.yaml, or --sandbox", null,
                    "run `cutover rehearse staging.yaml` to rehearse on the plan's clusters, or `cutover rehearse --sandbox`");
        }
        if (engineGiven() || spec.commandLine().getParseResult().hasMatchedOption("--scenario")) {
            throw new CutoverException(ExitCode.USAGE, "--scenario and --engine are for --sandbox", null,
                    "on staging the plan says which engine runs the mirror (mirror.engine); a staging rehearsal always ends "
                            + "in a rollback");
        }
        Duration wait = dev.cutover.plans.Durations.parse(producerWait).orElseThrow(() -> new CutoverException(ExitCode.USAGE,
                "--producer-wait " + producerWait + " is not a duration", null, "write it like 30s, 2m"));
        RehearsalLedger.replace(ledger);
        PrintWriter err = spec.commandLine().getErr();
        RehearsalReport report = new StagingRehearsal(new TerminalProgress(err), breach, wait, cleanup).run(planFile, ledger);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json()) {
            Map<String, Object> doc = new LinkedHashMap<>(StatusJson.of(report.status()));
            doc.put("rehearsal", "staging");
            doc.put("breach", breach);
            doc.put("checks", checksJson(report));
            doc.put("left", report.left());
            doc.put("passed", report.passed());
            doc.put("scorecard", ScorecardText.json(ReadinessReport.read(ledger, null, Clock.systemUTC())));
            out.println(Json.write(doc));
        } else {
            StringBuilder b = new StringBuilder("\nRehearsal on the plan's clusters, ending in "
                    + (breach != null ? "the rollback after a breach forced on " + breach : "a rollback") + "\n\n");
            b.append(StatusText.of(report.status()));
            b.append('\n');
            report.left().forEach(line -> b.append(line).append('\n'));
            appendChecks(b, report, ledger);
            b.append('\n').append(ScorecardText.text(ReadinessReport.read(ledger, null, Clock.systemUTC())));
            out.print(b);
        }
        out.flush();
        return report.passed() ? 0 : 1;
    }

    private boolean engineGiven() {
        return spec.commandLine().getParseResult().hasMatchedOption("--engine");
    }

    private static List<Map<String, Object>> checksJson(RehearsalReport report) {
        return report.checks().stream().map(c -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", c.name());
            row.put("passed", c.passed());
            row.put("detail", c.detail());
            row.put("evidence", c.evidence());
            return row;
        }).toList();
    }

    private static void appendChecks(StringBuilder b, RehearsalReport report, Path ledger) {
        b.append("\nchecks\n");
        for (RehearsalCheck c : report.checks()) {
            b.append(c.passed() ? "  ok    " : "  FAIL  ").append(c.name()).append(": ").append(c.detail()).append('\n');
        }
        long held = report.checks().stream().filter(RehearsalCheck::passed).count();
        b.append("\nReadiness: ").append(held).append(" of ").append(report.checks().size()).append(" checks held")
                .append(report.passed() ? "." : " - NOT READY.").append(" Ledger: ").append(ledger).append('\n');
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
        if (report.stoppedBefore() != null) {
            b.append("\nstopped before ").append(report.stoppedBefore())
                    .append(": the gates from there on are not in this version of cutover yet").append('\n');
        }
        appendChecks(b, report, ledger);
        return b.toString();
    }
}
