package dev.cutover.engine;

/** The process exit codes of the contract (section 1). */
public enum ExitCode {
    /** Done. */
    DONE(0),
    /** A gate or check failed; the ledger says what and where. */
    FAILED(1),
    /** Bad usage or an invalid plan file. */
    USAGE(2),
    /** A rollback ran and finished. */
    ROLLED_BACK(3),
    /** Refused: the stored plan is stale, or another cutover holds the ledger. */
    REFUSED(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
