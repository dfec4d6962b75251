package dev.cutover.state;

import java.nio.file.Path;

/**
 * The path given as the ledger cannot be used as one, found before anything was written there.
 * The message names the file and what is wrong, {@link #remedy()} says what to do, and
 * {@link #reason()} lets the caller pick the exit code.
 */
public final class LedgerUnusableException extends RuntimeException {

    public enum Reason {
        /** Not an SQLite database, a damaged or truncated one, or another program's. */
        NOT_A_LEDGER,
        /** A ledger whose schema is newer than this cutover knows. */
        NEWER_VERSION,
        /** No ledger can be kept there: a directory, or a place that cannot be written. */
        UNUSABLE_PATH
    }

    private final Reason reason;
    private final transient Path file;
    private final String detail;
    private final String remedy;

    LedgerUnusableException(Reason reason, Path file, String summary, String detail, String remedy, Throwable cause) {
        super(summary, cause);
        this.reason = reason;
        this.file = file;
        this.detail = detail;
        this.remedy = remedy;
    }

    public Reason reason() {
        return reason;
    }

    public Path file() {
        return file;
    }

    /** The facts behind the message (SQLite's own words); may be null. */
    public String detail() {
        return detail;
    }

    public String remedy() {
        return remedy;
    }
}
