package dev.cutover.bench;

import dev.cutover.engine.connect.ConnectRestClient;
import dev.cutover.engine.connect.ConnectorStatus;
import dev.cutover.engine.connect.MirrorSourceOffsets;
import dev.cutover.engine.mirror.MirrorConnectors;
import dev.cutover.engine.mirror.MirrorJob;
import dev.cutover.sandbox.connect.ConnectWorkerProcess;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mirror.engine: connect}: MirrorMaker 2's source connector, configured as cutover deploys it
 * (exactly-once, identity naming), on a Kafka Connect cluster of worker processes beside the target,
 * copying the whole topic. Timed from the connector's creation to its committed offsets covering every
 * record (with exactly-once support they commit with the records); the workers' CPU is added to this
 * process's.
 */
final class ConnectRun {

    private static final Duration POLL = Duration.ofMillis(200);

    private ConnectRun() {
    }

    static CopyResult run(List<ConnectWorkerProcess> workers, String source, String target, String topic, long records,
                          int tasks, int round) throws Exception {
        Verification.recreate(target, topic);
        MirrorJob job = MirrorJob.of(Map.of("bootstrap.servers", source), Map.of("bootstrap.servers", target),
                List.of(topic), List.of(), tasks);
        // A connector of its own per round: a new name starts with no committed offsets.
        MirrorConnectors connectors = MirrorConnectors.forward("bench-round-" + round, job);
        ConnectRestClient connect = new ConnectRestClient("bench", workers.get(0).url(), HttpClient.newHttpClient(),
                Duration.ofSeconds(60));
        double cpu = Cpu.seconds() + workersCpu(workers);
        long start = System.nanoTime();
        long first = -1;
        long copied = 0;
        connect.putConfig(connectors.sourceName(), connectors.source());
        while (copied < records) {
            copied = MirrorSourceOffsets.nextOffsets("offsets", connect.offsets(connectors.sourceName())).values().stream()
                    .mapToLong(Long::longValue).sum();
            if (first < 0 && copied > 0) {
                first = System.nanoTime();
            }
            Optional<ConnectorStatus> status = connect.status(connectors.sourceName());
            if (status.isPresent() && status.get().failure() != null) {
                throw new IllegalStateException("the connector failed: " + status.get().failure());
            }
            Thread.sleep(POLL.toMillis()); // sampling the committed offsets; the figure's resolution is 200 ms; more often loads the worker
        }
        long end = System.nanoTime(); // before the delete: removing the connector is not copying
        double cpuSeconds = Cpu.seconds() + workersCpu(workers) - cpu;
        connect.delete(connectors.sourceName());
        boolean correct = copied == records && Verification.samePartitionOrder(source, target, topic);
        return new CopyResult("connect", round, records, records * LoadGenerator.VALUE_BYTES, (end - start) / 1_000_000,
                (first - start) / 1_000_000, cpuSeconds, correct, tasks + " task(s) on " + workers.size() + " worker(s)");
    }

    private static double workersCpu(List<ConnectWorkerProcess> workers) {
        return workers.stream().mapToDouble(w -> ProcessHandle.of(w.pid()).flatMap(h -> h.info().totalCpuDuration())
                .map(d -> d.toNanos() / 1e9).orElse(0.0)).sum();
    }
}
