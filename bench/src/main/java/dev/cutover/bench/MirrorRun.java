package dev.cutover.bench;

import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.engine.mirror.EmbeddedMirror;
import dev.cutover.engine.mirror.InMemoryProgressStore;
import dev.cutover.engine.mirror.MirrorJob;
import dev.cutover.engine.mirror.MirrorState;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** The mirror (connect-mirror's MirrorSourceTask hosted by cutover) copying the whole topic. */
final class MirrorRun {

    private MirrorRun() {
    }

    static CopyResult run(String source, String target, String topic, long records, int tasks, int round) throws Exception {
        Verification.recreate(target, topic);
        MirrorJob job = MirrorJob.of(Map.of("bootstrap.servers", source), Map.of("bootstrap.servers", target),
                List.of(topic), List.of(), tasks);
        double cpu = Cpu.seconds();
        long start = System.nanoTime();
        long first = -1;
        long end;
        try (EmbeddedMirror mirror = new EmbeddedMirror(job, new InMemoryProgressStore())) {
            mirror.start();
            while (true) {
                Map<TopicPartition, CopyPosition> positions = mirror.positions();
                long copied = positions.values().stream().mapToLong(CopyPosition::nextTargetOffset).sum();
                if (first < 0 && copied > 0) {
                    first = System.nanoTime();
                }
                if (copied >= records) {
                    end = System.nanoTime(); // before stop(): stopping is not copying
                    break;
                }
                if (mirror.status().state() == MirrorState.FAILED) {
                    throw new IllegalStateException("the mirror failed: " + mirror.status());
                }
                Thread.sleep(5); // sampling the mirror's progress; the figure's resolution is 5 ms
            }
        }
        long millis = (end - start) / 1_000_000;
        boolean correct = Verification.endOffsetsSum(target, topic) == records && Verification.samePartitionOrder(source, target, topic);
        return new CopyResult("mirror", round, records, records * LoadGenerator.VALUE_BYTES, millis,
                (first - start) / 1_000_000, Cpu.seconds() - cpu, correct, tasks + " task(s)");
    }
}
