package dev.cutover.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A sandbox part (a broker, a Connect worker) in a JVM of its own, on this JVM's classpath. The child
 * announces itself with one line on stdout, {@code PREFIX value} (its address), and lives until its
 * stdin closes: {@link #close()} closes it, and so does this process's death, so no child outlives the
 * test or rehearsal that started it. {@link #kill()} is SIGKILL, as a machine dies. A child's
 * {@code main} calls {@link #announce} and then {@link #awaitParent}.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String what;
    private final Process process;
    private final String announced;

    private ChildJvm(String what, Process process, String announced) {
        this.what = what;
        this.process = process;
        this.announced = announced;
    }

    /**
     * Starts {@code mainClass} with {@code args} and waits for its announcement.
     *
     * @param what   names the child in messages, e.g. "the Kafka process for cluster 'source'"
     * @param stderr where the child's stderr goes
     */
    public static ChildJvm start(String what, List<String> jvmOptions, Class<?> mainClass, List<String> args, String prefix,
                                 ProcessBuilder.Redirect stderr) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(stderr).start();
        } catch (IOException e) {
            throw new SandboxException("could not start " + what + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> announcement(process.getInputStream(), prefix));
        try {
            String announced = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (announced == null) {
                throw new SandboxException(what + " exited before it was ready");
            }
            return new ChildJvm(what, process, announced);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new SandboxException("interrupted while starting " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new SandboxException(what + " was not ready within " + START_TIMEOUT.toSeconds() + " s", e);
        }
    }

    private static String announcement(InputStream stdout, String prefix) {
        BufferedReader out = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length());
                }
            }
            return null;
        } catch (IOException e) {
            return null; // the child's stdout closed: it is gone, which start() reports
        }
    }

    /** What the child announced after its prefix: its address. */
    public String announced() {
        return announced;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no graceful stop, nothing flushed, no transaction ended. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while killing " + what, e);
        }
    }

    /** Closes the child's stdin (it stops gracefully and exits), and kills it if it does not. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new SandboxException("interrupted while stopping " + what, e);
        }
    }

    /** In the child: the announcement line, on the real stdout (the child's own chatter goes to stderr). */
    public static void announce(java.io.PrintStream stdout, String prefix, String value) {
        stdout.println(prefix + value);
        stdout.flush();
    }

    /** In the child: blocks until the parent closes stdin or dies. */
    public static void awaitParent() throws IOException {
        while (System.in.read() != -1) {
            // Nothing is sent on stdin: it only tells this process when its parent is done with it.
        }
    }
}
