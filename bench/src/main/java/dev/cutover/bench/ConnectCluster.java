package dev.cutover.bench;

import dev.cutover.sandbox.connect.ConnectWorkerProcess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/** W Kafka Connect worker processes beside the target, one cluster, exactly-once source support on. */
final class ConnectCluster {

    private ConnectCluster() {
    }

    static List<ConnectWorkerProcess> start(String targetBootstrap, int workers) {
        Map<String, String> settings = Map.of("exactly.once.source.support", "enabled", "group.id", "bench-connect",
                "config.storage.topic", "bench-connect-configs", "offset.storage.topic", "bench-connect-offsets",
                "status.storage.topic", "bench-connect-status");
        long start = System.nanoTime();
        List<ConnectWorkerProcess> started = IntStream.range(0, workers)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> ConnectWorkerProcess.start("bench-" + i, targetBootstrap, settings)))
                .toList().stream().map(CompletableFuture::join).toList();
        System.err.printf("started %d Kafka Connect worker process(es) in %d ms%n", workers, (System.nanoTime() - start) / 1_000_000);
        return started;
    }
}
