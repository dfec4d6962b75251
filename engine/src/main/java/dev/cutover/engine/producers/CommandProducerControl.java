package dev.cutover.engine.producers;

import dev.cutover.plans.CommandControl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A producer stopped and started by shell commands (e.g. {@code ./bin/bridge stop account-cdc}).
 * Stop must print the position (see {@link StopReport}); both commands must be idempotent: a
 * stop of a stopped producer reports the same position, a start of a running one does nothing.
 */
public final class CommandProducerControl implements ProducerControl {

    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final String producer;
    private final CommandControl control;
    private final String sourceBootstrap;
    private final String targetBootstrap;

    public CommandProducerControl(String producer, CommandControl control, String sourceBootstrap, String targetBootstrap) {
        this.producer = producer;
        this.control = control;
        this.sourceBootstrap = sourceBootstrap;
        this.targetBootstrap = targetBootstrap;
    }

    @Override
    public ResumePosition stop(ClusterSide side) throws ControlException {
        String writesTo = side == ClusterSide.TARGET ? targetBootstrap : sourceBootstrap;
        ControlPlaceholders values = new ControlPlaceholders(sourceBootstrap, writesTo, producer, null);
        String out = run("stop", values.inCommand(control.stop()), values);
        return StopReport.parse("producers." + producer + ".control.stop", out);
    }

    @Override
    public void start(ClusterSide side, ResumePosition position) throws ControlException {
        String writeTo = side == ClusterSide.TARGET ? targetBootstrap : sourceBootstrap;
        ControlPlaceholders values = new ControlPlaceholders(sourceBootstrap, writeTo, producer, position.replayId());
        run("start", values.inCommand(control.start()), values);
    }

    private String run(String what, String command, ControlPlaceholders values) throws ControlException {
        String field = "producers." + producer + ".control." + what;
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null")));
        builder.environment().putAll(values.environment());
        try {
            Process process = builder.start();
            // Read both streams fully before waiting, so a chatty command cannot block on a full pipe.
            var err = process.getErrorStream();
            var stderr = new java.util.concurrent.CompletableFuture<String>();
            Thread drainer = new Thread(() -> {
                try {
                    stderr.complete(new String(err.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    stderr.complete("");
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
