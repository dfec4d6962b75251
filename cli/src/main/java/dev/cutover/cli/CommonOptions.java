package dev.cutover.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes (contract section 1). */
public final class CommonOptions {

    /** How results are printed. */
    public enum Output { TEXT, JSON }

    @Option(names = "--ledger", paramLabel = "PATH", defaultValue = "./cutover.db",
            description = "The ledger file (SQLite). Default: ${DEFAULT-VALUE}")
    Path ledger;

    @Option(names = "--output", paramLabel = "text|json", defaultValue = "text",
            description = "text for people, json for scripts (one document on stdout). Default: ${DEFAULT-VALUE}")
    Output output;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--stacktrace", description = "Print the stack trace of an error.")
    boolean stacktrace;

    public Path ledger() {
        return ledger;
    }

    public boolean json() {
        return output == Output.JSON;
    }
}
