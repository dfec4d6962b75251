package dev.cutover.engine.controls;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a control's shell command ({@code /bin/sh -c}) with the placeholders' values also in the
 * environment, and returns what it printed. A non-zero exit or a timeout is a {@link ControlException}
 * naming the plan field, the command and the tail of what it said on stderr.
 */
public final class ShellCommand {

    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    private ShellCommand() {
    }

    public static String run(String field, String command, Map<String, String> environment) throws ControlException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            // Read both streams fully before waiting, so a chatty command cannot block on a full pipe.
            var err = process.getErrorStream();
            var stderr = new CompletableFuture<String>();
            Thread drainer = new Thread(() -> {
                try {
                    stderr.complete(new String(err.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    stderr.complete("(stderr unreadable: " + e.getMessage() + ")");
                }
            }, "cutover-control-stderr");
            drainer.setDaemon(true);
            drainer.start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ControlException(field + " did not finish within " + TIMEOUT.toSeconds() + " s: " + command);
            }
            drainer.join(5_000);
            if (process.exitValue() != 0) {
                throw new ControlException(field + " exited with " + process.exitValue() + ": " + command
                        + tail(stderr.getNow("")));
            }
            return stdout;
        } catch (IOException e) {
            throw new ControlException(field + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException(field + " was interrupted", e);
        }
    }

    private static String tail(String stderr) {
        String s = stderr.strip();
        if (s.isEmpty()) {
            return "";
        }
        return "; it said: " + (s.length() > 500 ? "…" + s.substring(s.length() - 500) : s);
    }
}
