package dev.cutover.sandbox.connect;

import dev.cutover.sandbox.SandboxException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Kafka Connect worker in a JVM of its own, so a test can {@code kill -9} it the way a machine
 * dies: {@link #kill()} sends SIGKILL, and the worker's open transactions and uncommitted offsets are
 * left as a crash leaves them. Several started with the same {@code group.id} and storage topics form
 * one distributed Connect cluster. The parent reads the REST URL from the child's first line of
 * stdout; closing the child's stdin (or the parent's death) stops it gracefully.
 */
public final class ConnectWorkerProcess implements AutoCloseable {

    static final String READY = "cutover-sandbox-connect url=";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final String url;
    private final Path log;

    private ConnectWorkerProcess(String name, Process process, String url, Path log) {
        this.name = name;
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** Starts a worker attached to {@code bootstrapServers}, with worker properties over the sandbox's defaults. */
    public static ConnectWorkerProcess start(String name, String bootstrapServers, Map<String, String> overrides) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                name, bootstrapServers));
        overrides.forEach((k, v) -> command.add(k + "=" + v));
        Process process;
        Path log;
        try {
            // The worker's own log, for a test that fails to read: Connect says there why a task stopped.
            log = java.nio.file.Files.createTempFile("cutover-connect-" + name + "-", ".log");
            process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new SandboxException("could not start the Connect worker '" + name + "': " + e.getMessage(), e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith(READY)) {
                        return line.substring(READY.length());
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String url = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (url == null) {
                throw new SandboxException("the Connect worker '" + name + "' exited before it was ready");
            }
            return new ConnectWorkerProcess(name, process, url, log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new SandboxException("interrupted while starting the Connect worker '" + name + "'", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new SandboxException("the Connect worker '" + name + "' was not ready within " + START_TIMEOUT.toSeconds() + " s", e);
        }
    }

    /** The REST API's base URL, without a trailing slash. */
    public String url() {
        return url;
    }

    /** The worker's log (its stderr). */
    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL, as a machine dies: no graceful stop, no offset flush, no transaction ended. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while killing the Connect worker '" + name + "'", e);
        }
    }

    /** Closes the child's stdin (it stops its worker gracefully and exits), and kills it if it does not. */
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
            throw new SandboxException("interrupted while stopping the Connect worker '" + name + "'", e);
        }
    }

    /** The child: one worker until stdin closes. Arguments: name, bootstrap servers, then key=value overrides. */
    public static final class Main {

        private Main() {
        }

        public static void main(String[] args) throws IOException {
            java.io.PrintStream stdout = System.out;
            System.setOut(System.err); // the parent reads only the ready line
            Map<String, String> overrides = new HashMap<>();
            for (int i = 2; i < args.length; i++) {
                int eq = args[i].indexOf('=');
                overrides.put(args[i].substring(0, eq), args[i].substring(eq + 1));
            }
            try (SandboxConnect worker = SandboxConnect.start(args[0], args[1], overrides)) {
                stdout.println(READY + worker.url());
                stdout.flush();
                while (System.in.read() != -1) {
                    // Nothing is sent on stdin: it only tells this process when its parent is done with it.
                }
            }
            System.exit(0);
        }
    }
}
