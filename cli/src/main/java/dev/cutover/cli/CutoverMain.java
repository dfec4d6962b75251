package dev.cutover.cli;

import picocli.CommandLine;

/** Entry point of the {@code cutover} command. */
public final class CutoverMain {

    private CutoverMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; the streams are the process's own. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CutoverCommand());
        cli.setExecutionExceptionHandler(new ExecutionExceptionHandler());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }
}
