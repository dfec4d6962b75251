package dev.cutover.cli;

import dev.cutover.cli.render.Json;
import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.state.LedgerUnusableException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into its exit code and a short message on stderr: summary, detail, fix. In
 * JSON mode the same three parts also go to stdout as the command's one document, so a script
 * always gets JSON. Stack traces only with {@code --stacktrace}.
 */
final class ExecutionExceptionHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
        CutoverException e = known(ex);
        PrintWriter err = cli.getErr();
        err.println("error: " + e.summary());
        if (e.detail() != null) {
            e.detail().lines().forEach(line -> err.println("  " + line));
        }
        if (e.remedy() != null) {
            err.println("  fix: " + e.remedy());
        }
        if (parsed.hasMatchedOption("--stacktrace") || parsed.subcommand() != null
                && parsed.subcommand().hasMatchedOption("--stacktrace")) {
            ex.printStackTrace(err);
        }
        err.flush();
        if (jsonRequested(parsed)) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("summary", e.summary());
            error.put("detail", e.detail());
            error.put("remedy", e.remedy());
            error.put("exitCode", e.exitCode().code());
            cli.getOut().println(Json.write(Map.of("error", error)));
            cli.getOut().flush();
        }
        return e.exitCode().code();
    }

    /**
     * The state module cannot throw the engine's exception: its refusals of a ledger path are
     * mapped here, once for every command that opens a ledger.
     */
    private static CutoverException known(Exception ex) {
        if (ex instanceof CutoverException c) {
            return c;
        }
        if (ex instanceof LedgerUnusableException u) {
            ExitCode code = u.reason() == LedgerUnusableException.Reason.NEWER_VERSION ? ExitCode.REFUSED : ExitCode.USAGE;
            return new CutoverException(code, u.getMessage(), u.detail(), u.remedy(), u);
        }
        return new CutoverException(ExitCode.FAILED, "unexpected error: " + ex, null,
                "run again with --stacktrace and report it", ex);
    }

    private static boolean jsonRequested(ParseResult parsed) {
        ParseResult p = parsed.subcommand() != null ? parsed.subcommand() : parsed;
        return p.hasMatchedOption("--output") && "json".equalsIgnoreCase(String.valueOf((Object) p.matchedOptionValue("--output", null)));
    }
}
