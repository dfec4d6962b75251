package dev.cutover.engine.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class MirrorTaskConfigsTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"s3cret\";";

    private final MirrorJob job = new MirrorJob("source", "target",
            Map.of("bootstrap.servers", "old:9092", "security.protocol", "SASL_SSL", "sasl.jaas.config", JAAS),
            Map.of("bootstrap.servers", "new:9092"),
            List.of("sfdc.cdc.account"), List.of("sfdc-.*"), 2,
            Map.of("producer.compression.type", "zstd", "enable.idempotence", "false"));

    @Test
    void sourceTaskGetsWhatMirrorSourceConnectorWouldGiveIt() {
        Map<String, String> c = MirrorTaskConfigs.sourceTask(job, 1,
                List.of(new TopicPartition("sfdc.cdc.account", 0), new TopicPartition("sfdc.cdc.account", 2)));
        assertThat(c)
                .containsEntry("task.assigned.partitions", "sfdc.cdc.account-0,sfdc.cdc.account-2")
                .containsEntry("task.index", "1")
                .containsEntry("source.cluster.alias", "source")
                .containsEntry("target.cluster.alias", "target")
                .containsEntry("replication.policy.class", "org.apache.kafka.connect.mirror.IdentityReplicationPolicy")
                .containsEntry("offset-syncs.topic.location", "target")
                .containsEntry("source.consumer.isolation.level", "read_committed")
                .containsEntry("source.cluster.bootstrap.servers", "old:9092")
                .containsEntry("source.consumer.sasl.jaas.config", JAAS)
                .containsEntry("target.producer.bootstrap.servers", "new:9092");
    }

    @Test
    void ourProducerIsIdempotentWhateverTheExtraPropertiesSay() {
        Map<String, Object> p = MirrorTaskConfigs.producer(job, "t0");
        assertThat(p).containsEntry("enable.idempotence", "true").containsEntry("acks", "all")
                .containsEntry("max.in.flight.requests.per.connection", "5")
                .containsEntry("compression.type", "zstd").containsEntry("bootstrap.servers", "new:9092")
                .doesNotContainKey("transactional.id");
    }

    @Test
    void checkpointTaskNamesItsGroupsAndTheExactTopics() {
        Map<String, String> c = MirrorTaskConfigs.checkpointTask(job, List.of("sfdc-a", "sfdc-b"));
        assertThat(c).containsEntry("task.assigned.groups", "sfdc-a,sfdc-b")
                .containsEntry("sync.group.offsets.enabled", "false")
                .containsEntry("topics", "\\Qsfdc.cdc.account\\E");
        assertThat(MirrorTaskConfigs.checkpointsTopic(job)).isEqualTo("source.checkpoints.internal");
        assertThat(MirrorTaskConfigs.offsetSyncsTopic(job)).isEqualTo("mm2-offset-syncs.source.internal");
    }

    @Test
    void aJobNeverShowsItsSecrets() {
        assertThat(job.toString()).contains("old:9092").contains("new:9092").doesNotContain("s3cret");
    }
}
