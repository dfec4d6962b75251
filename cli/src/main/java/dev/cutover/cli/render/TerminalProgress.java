package dev.cutover.cli.render;

import dev.cutover.engine.run.Progress;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * Progress on stderr: on a terminal an updating line, elsewhere (CI, pipes) one line every few
 * seconds so logs stay readable. Never touches stdout.
 */
public final class TerminalProgress implements Progress {

    private static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);

    private final PrintWriter err;
    private final boolean terminal;
    private Instant lastPlain = Instant.EPOCH;
    private boolean lineOpen;

    public TerminalProgress(PrintWriter err) {
        this.err = err;
        // The launcher says whether stderr is a terminal; System.console() speaks of stdin and stdout only,
        // so `cutover step 2> log` would fill the log with redraw codes.
        this.terminal = System.console() != null && "1".equals(System.getenv("CUTOVER_STDERR_TTY"));
    }

    @Override
    public synchronized void update(String line) {
        if (terminal) {
            err.print("\r\033[2K" + line);
            lineOpen = true;
        } else if (Duration.between(lastPlain, Instant.now()).compareTo(PLAIN_INTERVAL) >= 0) {
            err.println(line);
            lastPlain = Instant.now();
        }
        err.flush();
    }

    @Override
    public synchronized void note(String line) {
        if (lineOpen) {
            err.print("\r\033[2K");
            lineOpen = false;
        }
        err.println(line);
        err.flush();
    }
}
