package dev.cutover.cli;

import dev.cutover.cli.render.Json;
import dev.cutover.cli.render.ReportPage;
import dev.cutover.cli.render.ScorecardText;
import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.engine.StoredPlanParser;
import dev.cutover.engine.readiness.ReadinessReport;
import dev.cutover.engine.status.StatusReader;
import dev.cutover.engine.status.StatusView;
import dev.cutover.plans.Plan;
import dev.cutover.state.Ledger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", description = {
        "The readiness scorecard of the stored plan: one row per category (compatibility, replay, cost, scaling, security, "
                + "rollback, observability), green only when a rehearsal of this plan proved it, yellow when configured but "
                + "not proved, red when there is no proof or a failed one; each with its evidence and where it is recorded."})
final class ReportCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--rehearsal", paramLabel = "PATH",
            description = "The ledger of the rehearsal to rate on (default: the --ledger itself when a rehearsal ran in it).")
    Path rehearsal;

    @Option(names = "--format", paramLabel = "text|md|json|html", description = "text (default), md for a change ticket, json "
            + "(as --output json), or html: one self-contained page with the scorecard, the gate timeline and plots of the "
            + "ledger's readings.")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String chosen = format != null ? format : common.json() ? "json" : "text";
        if (!java.util.List.of("text", "md", "json", "html").contains(chosen)) {
            throw new CutoverException(ExitCode.USAGE, "--format " + chosen + " is not one of text, md, json, html", null,
                    "use --format text, md, json or html (e.g. cutover report --format html > readiness.html)");
        }
        ReadinessReport report = ReadinessReport.read(common.ledger(), rehearsal, Clock.systemUTC());
        switch (chosen) {
            case "text" -> spec.commandLine().getOut().print(ScorecardText.text(report));
            case "md" -> spec.commandLine().getOut().print(ScorecardText.markdown(report));
            case "json" -> spec.commandLine().getOut().println(Json.write(ScorecardText.json(report)));
            case "html" -> spec.commandLine().getOut().print(page(report));
            default -> throw new IllegalStateException("checked above: " + chosen);
        }
        return 0;
    }

    private String page(ReadinessReport report) {
        StatusView status = StatusReader.read(common.ledger());
        try (Ledger ledger = Ledger.open(common.ledger())) {
            Plan plan = StoredPlanParser.parse(ledger.plan().orElseThrow());
            return ReportPage.render(report, status, ledger.readings(), plan.rollback().triggers());
        }
    }
}
