package dev.cutover.sandbox.connect;

import dev.cutover.sandbox.ChildJvm;
import dev.cutover.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Kafka Connect worker in a JVM of its own ({@link ChildJvm}), so a test can {@code kill -9} it the
 * way a machine dies: {@link #kill()} sends SIGKILL, and the worker's open transactions and uncommitted
 * offsets are left as a crash leaves them. Several started with the same {@code group.id} and storage
 * topics form one distributed Connect cluster. Its log (stderr) goes to a file, {@link #log()}.
 */
public final class ConnectWorkerProcess implements AutoCloseable {

    static final String READY = "cutover-sandbox-connect url=";

    private final ChildJvm child;
    private final Path log;

    private ConnectWorkerProcess(ChildJvm child, Path log) {
        this.child = child;
        this.log = log;
    }

    /** Starts a worker attached to {@code bootstrapServers}, with worker properties over the sandbox's defaults. */
    public static ConnectWorkerProcess start(String name, String bootstrapServers, Map<String, String> overrides) {
        List<String> args = new ArrayList<>(List.of(name, bootstrapServers));
        overrides.forEach((k, v) -> args.add(k + "=" + v));
        Path log;
        try {
            // The worker's own log, for a test that fails to read: Connect says there why a task stopped.
            log = Files.createTempFile("cutover-connect-" + name + "-", ".log");
        } catch (IOException e) {
            throw new SandboxException("could not create a log file for the Connect worker '" + name + "': " + e.getMessage(), e);
        }
        ChildJvm child = ChildJvm.start("the Connect worker '" + name + "'", List.of("-Xmx384m", "-XX:+UseSerialGC"),
                Main.class, args, READY, ProcessBuilder.Redirect.to(log.toFile()));
        return new ConnectWorkerProcess(child, log);
    }

    /** The REST API's base URL, without a trailing slash. */
    public String url() {
        return child.announced();
    }

    /** The worker's log (its stderr). */
    public Path log() {
        return log;
    }

    public long pid() {
        return child.pid();
    }

    /** SIGKILL, as a machine dies: no graceful stop, no offset flush, no transaction ended. */
    public void kill() {
        child.kill();
    }

    /** Stops the worker gracefully (its tasks commit), and kills it if it does not stop. */
    @Override
    public void close() {
        child.close();
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
                ChildJvm.announce(stdout, READY, worker.url());
                ChildJvm.awaitParent();
            }
            System.exit(0);
        }
    }
}
