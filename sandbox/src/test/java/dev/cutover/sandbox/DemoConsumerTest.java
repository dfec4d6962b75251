package dev.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoConsumerTest extends OneClusterTest {

    private static final String TOPIC = "sfdc.cdc.lead";
    private static final String RESTART_TOPIC = "sfdc.cdc.case";
    private static final String BUSY_TOPIC = "sfdc.cdc.opportunity";
    private static final String GROUP = "sfdc-warehouse-sink";

    @BeforeAll
    static void createTopics() {
        cluster.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1), new NewTopic(RESTART_TOPIC, 2, (short) 1),
                new NewTopic(BUSY_TOPIC, 2, (short) 1)));
    }

    @Test
    void consumesCommitsAndLetsLagGrowWhilePaused() throws Exception {
        try (DemoConsumer consumer = new DemoConsumer(GROUP, List.of(TOPIC))) {
            // given a consumer that has processed and committed everything
            produce(TOPIC, 0, 50);
            consumer.start(cluster.bootstrapServers());
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.consumedCount() == 50);
            await().atMost(Duration.ofSeconds(10)).until(() -> lag() == 0);
            assertThat(consumer.commits()).isPositive();
            assertThat(consumer.consumed()).allSatisfy(r -> {
                assertThat(r.replayId()).isNotNull();
                assertThat(r.key()).startsWith("00Q");
                assertThat(r.bootstrap()).isEqualTo(cluster.bootstrapServers());
            });

            // when it pauses and more events arrive, then lag grows and nothing is processed
            consumer.pause();
            await().atMost(Duration.ofSeconds(10)).until(consumer::paused);
            produce(TOPIC, 50, 30);
            await().atMost(Duration.ofSeconds(10)).until(() -> lag() == 30);
            assertThat(consumer.consumedCount()).isEqualTo(50);
            assertThat(consumer.assignedPartitions()).as("still in the group").isEqualTo(2);

            // when it resumes, it catches up
            consumer.resume();
            await().atMost(Duration.ofSeconds(20)).until(() -> consumer.consumedCount() == 80 && lag() == 0);
            assertThat(consumer.consumed()).extracting(ConsumedRecord::replayIdBase64).doesNotHaveDuplicates();
        }
    }

    @Test
    void aRestartedConsumerContinuesFromItsCommits() throws Exception {
        try (DemoConsumer first = new DemoConsumer("sfdc-notify", List.of(RESTART_TOPIC))) {
            produce(RESTART_TOPIC, 0, 20);
            first.start(cluster.bootstrapServers());
            await().atMost(Duration.ofSeconds(30)).until(() -> first.consumedCount() == 20);
            first.stop();
            assertThat(first.running()).isFalse();
            long before = first.consumedCount();

            produce(RESTART_TOPIC, 20, 5);
            first.start(cluster.bootstrapServers());
            await().atMost(Duration.ofSeconds(30)).until(() -> first.consumedCount() == before + 5);
            assertThat(first.consumed()).extracting(ConsumedRecord::replayIdBase64).doesNotHaveDuplicates();
        }
    }

    /**
     * A stop lands at any point of the consume loop, in the middle of a commit too: whatever the
     * group committed, the consumer has processed, and nothing else (issue #5: a stop that woke the
     * consumer up inside commitSync left the batch committed on the broker but never processed).
     */
    @Test
    void aStopUnderTrafficLeavesCommittedExactlyWhatWasProcessed() throws Exception {
        String group = "sfdc-busy-sink";
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread traffic = new Thread(() -> {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
                for (int i = 0; writing.get(); i++) {
                    producer.send(event(BUSY_TOPIC, i)).get(); // one at a time: a steady trickle, each poll a small batch
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "busy-traffic");
        traffic.start();
        try (DemoConsumer consumer = new DemoConsumer(group, List.of(BUSY_TOPIC))) {
            for (int round = 0; round < 20; round++) {
                long before = consumer.consumedCount();
                consumer.start(cluster.bootstrapServers());
                await().atMost(Duration.ofSeconds(30)).until(() -> consumer.consumedCount() >= before + 20);
                consumer.stop();
                assertThat(consumer.failure()).isEmpty();
                assertThat(committed(group)).as("round " + round + ": committed vs processed")
                        .isEqualTo(processedUpTo(consumer));
            }
            assertThat(consumer.consumed()).extracting(r -> r.partition() + "@" + r.offset()).doesNotHaveDuplicates();
        } finally {
            writing.set(false);
            traffic.join(10_000);
        }
    }

    /** The group's committed offsets on {@link #BUSY_TOPIC}, by partition. */
    private static Map<Integer, Long> committed(String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    }

    /** Per partition, the offset after the last record the consumer processed. */
    private static Map<Integer, Long> processedUpTo(DemoConsumer consumer) {
        return consumer.consumed().stream().collect(Collectors.toMap(ConsumedRecord::partition, r -> r.offset() + 1, Math::max));
    }

    private static long lag() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = List.of(0, 1).stream()
                .collect(Collectors.toMap(p -> new TopicPartition(TOPIC, p), p -> OffsetSpec.latest()));
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata commit = committed.get(end.getKey());
            lag += end.getValue().offset() - (commit == null ? 0 : commit.offset());
        }
        return lag;
    }

    private static void produce(String topic, int from, int count) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            for (int i = from; i < from + count; i++) {
                producer.send(event(topic, i)).get();
            }
        }
    }

    private static Map<String, Object> producerProperties() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    }

    private static ProducerRecord<byte[], byte[]> event(String topic, int i) {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic,
                ("00Q5g00000lead" + (i % 7)).getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        r.headers().add(BridgeProducer.REPLAY_ID_HEADER, new byte[] {0, 0, (byte) (i >> 16), (byte) (i >> 8), (byte) i});
        return r;
    }
}
