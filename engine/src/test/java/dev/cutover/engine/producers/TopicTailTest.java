package dev.cutover.engine.producers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.plans.ClusterSpec;
import dev.cutover.plans.PropertyResolver;
import dev.cutover.sandbox.OneClusterTest;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What switch-producers reads of the source around the switch point, on a real broker: the last
 * records before the switch point, and not the reverse mirror's copies written above it since.
 */
class TopicTailTest extends OneClusterTest {

    private static ClusterClients clients;

    @BeforeAll
    static void openClients() {
        clients = ClusterClients.of("source", new ClusterSpec(cluster.bootstrapServers(), Map.of()), new PropertyResolver());
    }

    @AfterAll
    static void closeClients() {
        if (clients != null) {
            clients.close();
        }
    }

    @Test
    void theLastRecordsBeforeTheSwitchPointLeaveOutWhatWasWrittenAboveIt() throws Exception {
        TopicPartition tp = new TopicPartition("tail.sfdc.cdc.account", 0);
        cluster.createTopic(tp.topic(), 1);
        write(tp, 0, 10);      // offsets 0-9: the producer's records before the switch
        write(tp, 10, 15);     // offsets 10-24: written since, as the reverse mirror's copies would be

        List<ConsumerRecord<byte[], byte[]>> last = TopicTail.last(clients, Map.of(tp, 10L), 4);

        assertThat(last).extracting(ConsumerRecord::offset).containsExactly(6L, 7L, 8L, 9L);
        assertThat(TopicTail.read(clients, Map.of(tp, 20L))).extracting(ConsumerRecord::offset)
                .containsExactly(20L, 21L, 22L, 23L, 24L);
    }

    private static void write(TopicPartition tp, int first, int count) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                cluster.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (int i = first; i < first + count; i++) {
                producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), "k" + i, "v" + i)).get();
            }
        }
    }
}
