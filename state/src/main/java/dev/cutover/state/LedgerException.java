package dev.cutover.state;

/** The ledger file could not be read or written (I/O, SQL); the message names the file. */
public final class LedgerException extends RuntimeException {
    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
