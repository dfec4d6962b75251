package dev.cutover.cli;

import picocli.CommandLine;

/** Entry point of the {@code cutover} command. */
public final class CutoverMain {

    private CutoverMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs a command line and returns its exit code; the streams are the process's own. Both are
     * flushed before returning: picocli's writers flush only on println, and {@code System.exit}
     * would drop whatever a command wrote with print (the whole text of {@code plan} and {@code status}).
     */
    public static int run(String... args) {
        CommandLine cli = commandLine();
        try {
            return cli.execute(args);
        } finally {
            cli.getOut().flush();
            cli.getErr().flush();
        }
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CutoverCommand());
        cli.setExecutionExceptionHandler(new ExecutionExceptionHandler());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }
}
