package dev.cutover.state;

/** What was asked contradicts what the ledger records (an illegal transition, a plan replacement mid-cutover). The message is for users. */
public final class LedgerStateException extends RuntimeException {
    public LedgerStateException(String message) {
        super(message);
    }
}
