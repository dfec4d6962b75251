package dev.cutover.engine;

/**
 * A failure the user must read: what happened (summary), the facts behind it (detail) and what
 * to do (remedy), with the exit code the command ends with. The CLI prints these three parts on
 * stderr; stack traces only with {@code --stacktrace}.
 */
public class CutoverException extends RuntimeException {

    private final ExitCode exitCode;
    private final String detail;
    private final String remedy;

    public CutoverException(ExitCode exitCode, String summary, String detail, String remedy) {
        this(exitCode, summary, detail, remedy, null);
    }

    public CutoverException(ExitCode exitCode, String summary, String detail, String remedy, Throwable cause) {
        super(summary, cause);
        this.exitCode = exitCode;
        this.detail = detail;
        this.remedy = remedy;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public String summary() {
        return getMessage();
    }

    /** Facts behind the summary; may be null. */
    public String detail() {
        return detail;
    }

    /** What the user should do next; may be null. */
    public String remedy() {
        return remedy;
    }
}
