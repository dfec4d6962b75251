package dev.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A sandbox cluster in a Docker container: given CUTOVER_TEST_KAFKA=testcontainers and a Docker
 * daemon, when a topic is created and written, then it reads back and the broker runs with the
 * sandbox's settings. Skipped by JUnit without either.
 */
@Testcontainers(disabledWithoutDocker = true)
@EnabledIfEnvironmentVariable(named = TestKafka.VARIABLE, matches = TestKafka.CONTAINERS_VALUE)
class ContainerClusterTest {

    @Test
    void aContainerClusterServesTopicsWithTheSandboxBrokerSettings() throws Exception {
        try (SandboxCluster cluster = TestKafka.start("container");
             Admin admin = cluster.admin()) {
            assertThat(cluster.toString()).contains(cluster.bootstrapServers());
            cluster.createTopic("sfdc.cdc.account", 3);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>("sfdc.cdc.account", 1, "001", "{}")).get(30, TimeUnit.SECONDS);
            }

            List<TopicRecord> records = TopicReader.readAll(cluster.bootstrapServers(), "sfdc.cdc.account");
            assertThat(records).extracting(TopicRecord::partition, TopicRecord::key, TopicRecord::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "001", "{}"));
            String broker = String.valueOf(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next().id());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, broker);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertThat(config.get("auto.create.topics.enable").value()).isEqualTo("false");
            assertThat(config.get("group.initial.rebalance.delay.ms").value()).isEqualTo("0");
        }
    }
}
