package dev.cutover.state;

import java.nio.file.Path;
import java.time.temporal.ChronoUnit;

/** Another live {@code cutover} process holds the ledger; the message says who and what to do. */
public final class LedgerLockedException extends RuntimeException {
    private final transient LockHolder holder;

    public LedgerLockedException(Path ledger, LockHolder holder) {
        super("ledger " + ledger + " is held by `" + commandLine(holder.command()) + "` (pid " + holder.pid()
                + " on " + holder.host() + " since " + holder.since().truncatedTo(ChronoUnit.SECONDS)
                + "); wait for it to finish or stop it");
        this.holder = holder;
    }

    public LockHolder holder() {
        return holder;
    }

    // Callers pass either "step" or "cutover step"; users should always read the command they would type.
    private static String commandLine(String command) {
        return command.startsWith("cutover") ? command : "cutover " + command;
    }
}
