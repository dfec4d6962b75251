package dev.cutover.engine;

import static org.awaitility.Awaitility.await;

import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.engine.producers.SwitchRecord;
import dev.cutover.sandbox.DemoConsumer;
import dev.cutover.state.Ledger;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** What a group still on the source reads after the switch: the reverse mirror's copies of records written on the target. */
final class ReverseCopies {

    private ReverseCopies() {
    }

    /** Waits until {@code consumer} has read, on the source, a record past the switch point of its partition. */
    static void awaitReadOnSource(CutoverScenario cutover, DemoConsumer consumer, String sourceBootstrap) {
        Map<TopicPartition, CopyPosition> points;
        try (Ledger ledger = cutover.openLedger()) {
            points = SwitchRecord.read(ledger).switchPoints();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.consumed().stream().anyMatch(r ->
                r.bootstrap().equals(sourceBootstrap)
                        && r.offset() >= points.get(new TopicPartition(r.topic(), r.partition())).nextSourceOffset()));
    }
}
