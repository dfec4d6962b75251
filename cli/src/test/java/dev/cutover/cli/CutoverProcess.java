package dev.cutover.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code cutover} process (a separate JVM on the test classpath), so tests can kill it
 * with SIGKILL, not simulate a crash with an exception.
 */
final class CutoverProcess implements AutoCloseable {

    private final Process process;
    private final ConcurrentLinkedQueue<String> stderr = new ConcurrentLinkedQueue<>();
    private final Thread reader;

    private CutoverProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::drain, "cutover-process-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    static CutoverProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), CutoverMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        return new CutoverProcess(builder.start());
    }

    private void drain() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                stderr.add(line);
            }
        } catch (IOException e) {
            stderr.add("<stderr closed: " + e.getMessage() + ">");
        }
    }

    /** Polls stderr until a line contains {@code text}; fails if the process ends or time runs out. */
    void awaitStderr(String text, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (stderr.stream().noneMatch(l -> l.contains(text))) {
            if (!process.isAlive()) {
                throw new AssertionError("cutover exited (" + process.exitValue() + ") before printing '" + text + "': " + stderr());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no '" + text + "' on stderr within " + timeout + ": " + stderr());
            }
            Thread.sleep(50); // polling another process's output, with a deadline
        }
    }

    /** SIGKILL: no shutdown hook, no finally block runs in the victim. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("cutover did not finish within " + timeout + ": " + stderr());
        }
        reader.join(5_000);
        return process.exitValue();
    }

    String stderr() {
        return String.join("\n", stderr);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
