package dev.cutover.engine.triggers;

import dev.cutover.plans.TriggerKind;
import dev.cutover.plans.TriggerSpec;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@code when: command}: runs {@code run} with {@code /bin/sh -c} in the working directory of
 * cutover; an exit other than 0, or no exit within the timeout, is a breach. The tail of what the
 * command printed (stdout and stderr together) goes into the reading's detail, so the breach
 * message shows the probe's own explanation.
 *
 * <p>Output goes to a temporary file rather than a pipe: a chatty probe cannot block on a full
 * pipe, and a probe that leaves a child holding its output open cannot stall the watch. On a
 * timeout the command and everything it started are killed.
 *
 * <p>Messages name the trigger, not the command line, since a command line may carry a token.
 */
public final class CommandTrigger implements Trigger {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Characters of output kept for the message. */
    static final int TAIL_CHARS = 500;
    private static final int TAIL_BYTES = 4 * TAIL_CHARS;

    private final TriggerSpec spec;
    private final Duration timeout;
    private final Clock clock;

    public CommandTrigger(TriggerSpec spec, Clock clock) {
        this(spec, TIMEOUT, clock);
    }

    public CommandTrigger(TriggerSpec spec, Duration timeout, Clock clock) {
        if (spec.when() != TriggerKind.COMMAND) {
            throw new IllegalArgumentException("trigger " + spec.name() + " is " + spec.when() + ", not command");
        }
        Objects.requireNonNull(spec.run(), () -> "trigger " + spec.name() + ": command needs run");
        this.spec = spec;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public TriggerSpec spec() {
        return spec;
    }

    @Override
    public Reading evaluate() throws TriggerException {
        String threshold = "exit 0 within " + ReadingText.duration(timeout);
        Path output = null;
        try {
            output = Files.createTempFile("cutover-trigger-", ".out");
            Process process = new ProcessBuilder("/bin/sh", "-c", spec.run())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean exited;
            try {
                exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                kill(process);
                Thread.currentThread().interrupt();
                throw new TriggerException("interrupted while running the command of trigger " + spec.name(), e);
            }
            if (!exited) {
                kill(process);
                return new Reading(spec.name(), spec.when().label(), -1, "no exit within " + ReadingText.duration(timeout),
                        threshold, true, clock.instant(), tail(output));
            }
            int exit = process.exitValue();
            return new Reading(spec.name(), spec.when().label(), exit, "exit " + exit, threshold, exit != 0,
                    clock.instant(), tail(output));
        } catch (IOException e) {
            throw new TriggerException("could not run the command of trigger " + spec.name() + ": " + e.getMessage(), e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // A temp file left behind is harmless; the reading matters more than the cleanup.
                }
            }
        }
    }

    /**
     * The shell first, so it cannot go on to its next command when a child dies; then the children,
     * listed before the shell died because afterwards they are no longer its descendants.
     */
    private static void kill(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@link #TAIL_CHARS} characters printed, prefixed with "…" when cut; "" when silent. */
    private static String tail(Path output) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(output.toFile(), "r")) {
            long length = file.length();
            int n = (int) Math.min(length, TAIL_BYTES);
            byte[] bytes = new byte[n];
            file.seek(length - n);
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            boolean cut = length > n || text.length() > TAIL_CHARS;
            if (text.length() > TAIL_CHARS) {
                text = text.substring(text.length() - TAIL_CHARS);
            }
            return text.isEmpty() ? "" : "output: " + (cut ? "…" : "") + text;
        }
    }
}
