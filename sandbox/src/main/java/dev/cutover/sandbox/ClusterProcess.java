package dev.cutover.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A sandbox cluster whose broker runs in a JVM of its own: this process starts it, reads its
 * bootstrap address from the child's first line of stdout, and stops it by closing the child's
 * stdin. The child also exits when its parent dies (its stdin closes then too), so no broker
 * outlives the test or rehearsal that started it.
 */
final class ClusterProcess implements SandboxCluster.ExternalBroker {

    static final String READY = "cutover-sandbox-cluster bootstrap=";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final String bootstrap;

    private ClusterProcess(String name, Process process, String bootstrap) {
        this.name = name;
        this.process = process;
        this.bootstrap = bootstrap;
    }

    static ClusterProcess start(String name) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(), name);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new SandboxException("could not start a Kafka process for cluster '" + name + "': " + e.getMessage(), e);
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
            String bootstrap = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (bootstrap == null) {
                throw new SandboxException("the Kafka process for cluster '" + name + "' exited before it was ready");
            }
            return new ClusterProcess(name, process, bootstrap);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new SandboxException("interrupted while starting cluster '" + name + "'", e);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new SandboxException("the Kafka process for cluster '" + name + "' was not ready within "
                    + START_TIMEOUT.toSeconds() + " s", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrap;
    }

    /** Closes the child's stdin (it stops its broker and exits), and kills it if it does not. */
    @Override
    public void close() {
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
            throw new SandboxException("interrupted while stopping cluster '" + name + "'", e);
        }
    }

    /** The child: one in-process sandbox cluster until stdin closes. */
    public static final class Main {

        private Main() {
        }

        public static void main(String[] args) throws IOException {
            java.io.PrintStream stdout = System.out;
            // The test kit chatters on System.out while formatting; the parent reads only the ready line.
            System.setOut(System.err);
            try (SandboxCluster cluster = SandboxCluster.start(args[0])) {
                stdout.println(READY + cluster.bootstrapServers());
                stdout.flush();
                while (System.in.read() != -1) {
                    // Nothing is sent on stdin: it only tells this process when its parent is done with it.
                }
            }
            System.exit(0);
        }
    }
}
