package dev.cutover.state;

import java.nio.file.Path;

/**
 * For testing: a second process that tries to take the ledger lock, as a second {@code cutover} would.
 * Exits 4 (the contract's "refused") with the refusal on stderr, 0 when it got (and released) the lock.
 */
public final class LockProbe {
    public static void main(String[] args) {
        try (Ledger ledger = Ledger.open(Path.of(args[0]));
             LedgerLock lock = ledger.acquireLock(args[1])) {
            System.out.println("acquired by pid " + lock.holder().pid());
        } catch (LedgerLockedException e) {
            System.err.println(e.getMessage());
            System.exit(4);
        }
    }
}
