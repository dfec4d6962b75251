package dev.cutover.engine.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs one piece of work per independent thing (a consumer group, a producer), {@code lanes} at a
 * time: moving one (or returning it) is mostly waiting on round trips to the clusters or on its
 * control. Each piece records its own ledger entry, so lanes never overwrite each other.
 */
public final class Lanes {

    private Lanes() {
    }

    /**
     * Returns once every piece of work has finished. A lane that fails unexpectedly (the ledger or a
     * cluster gone) does not stop the others mid-way: each thing is carried to a recorded phase, then
     * the first such failure is thrown, the others suppressed in it.
     *
     * @param name names the threads ("move-consumers lane 3"), for thread dumps and profiles
     */
    public static <T> void run(String name, int lanes, List<T> items, Consumer<T> work) {
        AtomicInteger lane = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(lanes, items.size())), r -> {
            Thread t = new Thread(r, name + " lane " + lane.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            items.forEach(g -> running.add(pool.submit(() -> work.accept(g))));
            RuntimeException unexpected = null;
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    RuntimeException thrown = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException(name + ": " + e.getCause(), e.getCause());
                    if (unexpected == null) {
                        unexpected = thrown;
                    } else {
                        unexpected.addSuppressed(thrown);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while " + name + " ran", e);
                }
            }
            if (unexpected != null) {
                throw unexpected;
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
