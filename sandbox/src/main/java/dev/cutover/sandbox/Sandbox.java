package dev.cutover.sandbox;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The two embedded clusters a rehearsal moves between: {@code source} and {@code target}.
 *
 * <p>They start in parallel because each start is mostly waiting (format, raft election, broker
 * registration), which halves the wait on a 2-core machine. If one fails, the other is closed
 * before the failure is thrown, so nothing is left listening.
 */
public final class Sandbox implements AutoCloseable {

    private final SandboxCluster source;
    private final SandboxCluster target;

    private Sandbox(SandboxCluster source, SandboxCluster target) {
        this.source = source;
        this.target = target;
    }

    /** Starts {@code source} and {@code target}, single-broker each, in this JVM. */
    public static Sandbox start() {
        return start(SandboxCluster::start);
    }

    /** Starts {@code source} and {@code target}, each broker in a JVM of its own (see {@link ClusterProcess}). */
    public static Sandbox startInChildProcesses() {
        return start(SandboxCluster::startInChildProcess);
    }

    /** Starts {@code source} and {@code target}, each with {@code starter} (e.g. {@link TestKafka#start}). */
    static Sandbox start(Function<String, SandboxCluster> starter) {
        CompletableFuture<SandboxCluster> source = startOnThread("source", starter);
        CompletableFuture<SandboxCluster> target = startOnThread("target", starter);
        SandboxCluster s = null;
        SandboxCluster t = null;
        SandboxException failure = null;
        try {
            s = source.get();
        } catch (Exception e) {
            failure = failure(e);
        }
        try {
            t = target.get();
        } catch (Exception e) {
            SandboxException f = failure(e);
            if (failure == null) {
                failure = f;
            } else {
                failure.addSuppressed(f);
            }
        }
        if (failure != null) {
            closeQuietly(s, failure);
            closeQuietly(t, failure);
            throw failure;
        }
        return new Sandbox(s, t);
    }

    private static CompletableFuture<SandboxCluster> startOnThread(String name, Function<String, SandboxCluster> starter) {
        CompletableFuture<SandboxCluster> result = new CompletableFuture<>();
        Supplier<SandboxCluster> start = () -> starter.apply(name);
        Thread thread = new Thread(() -> {
            try {
                result.complete(start.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "sandbox-start-" + name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static SandboxException failure(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof SandboxException se ? se
                : new SandboxException("could not start the sandbox: " + cause.getMessage(), cause);
    }

    private static void closeQuietly(SandboxCluster cluster, Exception failure) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    public SandboxCluster source() {
        return source;
    }

    public SandboxCluster target() {
        return target;
    }

    /** Closes both clusters; a failure closing one does not keep the other running. */
    @Override
    public void close() {
        SandboxException failure = null;
        for (SandboxCluster cluster : new SandboxCluster[] {target, source}) {
            try {
                cluster.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e instanceof SandboxException se ? se
                            : new SandboxException("could not stop " + cluster.name() + ": " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "Sandbox[" + source + ", " + target + "]";
    }
}
