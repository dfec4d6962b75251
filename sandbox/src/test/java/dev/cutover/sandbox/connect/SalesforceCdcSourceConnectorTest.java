package dev.cutover.sandbox.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.sandbox.CdcTrafficSource;
import dev.cutover.sandbox.SalesforceEventBus;
import dev.cutover.sandbox.OneClusterTest;
import dev.cutover.sandbox.TopicReader;
import dev.cutover.sandbox.TopicRecord;
import dev.cutover.sandbox.TrafficCheck;
import dev.cutover.sandbox.TrafficReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Given a real Kafka cluster with a real Connect worker beside it, the sandbox's Salesforce CDC
 * connector keeps its replay id as a source offset that a graceful stop commits exactly.
 */
class SalesforceCdcSourceConnectorTest extends OneClusterTest {

    private static final String CHANNEL = "/data/AccountChangeEvent";
    private static final String REPLAY_HEADER = "sfdc.replayId";

    private static SandboxConnect connect;
    private static ConnectRest rest;

    @BeforeAll
    static void startConnect() {
        connect = SandboxConnect.start(cluster);
        rest = new ConnectRest(connect.url());
    }

    @AfterAll
    static void stopConnect() {
        if (connect != null) {
            connect.close();
        }
    }

    @Test
    void aStopMidBurstCommitsTheReplayIdOfTheLastRecordWrittenAndAResumeContinuesRightAfterIt() throws Exception {
        String topic = "sfdc.cdc.account";
        String connector = "account-cdc";
        createTopic(topic);
        SalesforceEventBus bus = new SalesforceEventBus();
        try (EventBusRegistry.Registration registration = EventBusRegistry.register("connector-test", bus);
             CdcTrafficSource traffic = new CdcTrafficSource(bus, CHANNEL, 7L)) {
            // given the connector writing steady traffic, then a burst
            rest.create(connector, SalesforceCdcSourceConnector.config(registration.id(), CHANNEL, topic, REPLAY_HEADER));
            traffic.start(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> endOffset(topic) >= 100);
            traffic.burst(10_000);
            long beforeStop = endOffset(topic);

            // when it is stopped through the REST API while the burst is being written
            rest.stop(connector);
            await().atMost(Duration.ofSeconds(30)).until(() -> rest.isStopped(connector));
            JsonNode offsets = rest.offsets(connector);

            // then the committed offset is the replay id of the last record in the topic, nothing after it
            List<TopicRecord> written = TopicReader.readAll(cluster.bootstrapServers(), topic);
            assertThat(written.size()).as("stopped mid-burst").isGreaterThan((int) beforeStop)
                    .isLessThan((int) traffic.published());
            TopicRecord last = written.get(written.size() - 1);
            assertThat(offsets.path("offsets")).hasSize(1);
            JsonNode only = offsets.path("offsets").get(0);
            assertThat(only.path("partition").path("channel").asText()).isEqualTo(CHANNEL);
            assertThat(only.path("offset").path("replayId").asText())
                    .as("committed replay id vs the last record's, %d records written", written.size())
                    .isEqualTo(last.replayIdBase64());
            assertThat(endOffset(topic)).as("nothing written while stopped").isEqualTo(written.size());

            // and when resumed it continues strictly after it: every event once, in order per key
            rest.resume(connector);
            traffic.stop();
            long published = traffic.published();
            await().atMost(Duration.ofSeconds(60)).until(() -> endOffset(topic) >= published);
            rest.stop(connector);
            await().atMost(Duration.ofSeconds(30)).until(() -> rest.isStopped(connector));
            TrafficReport report = TrafficCheck.check(bus.emittedReplayIds(CHANNEL),
                    TopicReader.readAll(cluster.bootstrapServers(), topic));
            assertThat(report.clean()).as(report.summary()).isTrue();
            assertThat(report.found()).isEqualTo(published).isGreaterThan(10_000);
        }
    }

    private static void createTopic(String topic) throws Exception {
        // One partition, so "the last record written" is simply the last offset.
        cluster.createTopic(topic, 1);
    }

    private static long endOffset(String topic) throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
    }

}
