package dev.cutover.engine;

import dev.cutover.sandbox.SandboxCluster;
import dev.cutover.sandbox.connect.ConnectWorkerProcess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * A distributed Kafka Connect cluster of worker processes beside a sandbox cluster, with exactly-once
 * source support on, as the connect engine requires: one group and one set of storage topics named
 * after {@code name}, workers started side by side.
 */
final class ConnectWorkers {

    private ConnectWorkers() {
    }

    /** The worker properties of cluster {@code name}: the same on every worker. */
    static Map<String, String> cluster(String name) {
        return Map.of("exactly.once.source.support", "enabled", "group.id", name + "-connect",
                "config.storage.topic", name + "-configs", "offset.storage.topic", name + "-offsets",
                "status.storage.topic", name + "-status", "offset.storage.partitions", "3");
    }

    /** Starts {@code count} workers {@code name-0..} of cluster {@code name} on {@code kafka}. */
    static List<ConnectWorkerProcess> start(String name, SandboxCluster kafka, int count) {
        List<CompletableFuture<ConnectWorkerProcess>> starting = IntStream.range(0, count)
                .mapToObj(i -> CompletableFuture.supplyAsync(() ->
                        ConnectWorkerProcess.start(name + "-" + i, kafka.bootstrapServers(), cluster(name))))
                .toList();
        return starting.stream().map(CompletableFuture::join).toList();
    }

    static void stop(List<ConnectWorkerProcess> workers) {
        if (workers != null) {
            workers.forEach(ConnectWorkerProcess::close);
        }
    }
}
