package dev.cutover.engine.producers.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.engine.connect.ConnectRestClient;
import dev.cutover.engine.connect.ConnectorStatus;
import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.engine.producers.ResumePosition;
import dev.cutover.plans.ConnectControl;
import dev.cutover.sandbox.CdcTrafficSource;
import dev.cutover.sandbox.SalesforceEventBus;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.SandboxCluster;
import dev.cutover.sandbox.TopicReader;
import dev.cutover.sandbox.TopicRecord;
import dev.cutover.sandbox.TrafficCheck;
import dev.cutover.sandbox.TrafficReport;
import dev.cutover.sandbox.connect.EventBusRegistry;
import dev.cutover.sandbox.connect.SalesforceCdcSourceConnector;
import dev.cutover.sandbox.connect.SandboxConnect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Given two real Kafka clusters, a real Kafka Connect worker beside each, and the sandbox's
 * Salesforce CDC connector writing into the source, the connect control moves the connector with
 * its offsets and nothing is lost, repeated or reordered. There is no mirror here: the source
 * topic holds what was written before the stop, the target topic what was written after.
 */
class ConnectProducerControlTest {

    private static final String CHANNEL = "/data/AccountChangeEvent";
    private static final String REPLAY_HEADER = "sfdc.replayId";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Sandbox sandbox;
    private static SandboxConnect sourceConnect;
    private static SandboxConnect targetConnect;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startClusters() {
        sandbox = Sandbox.start();
        sourceConnect = SandboxConnect.start(sandbox.source());
        targetConnect = SandboxConnect.start(sandbox.target());
    }

    @AfterAll
    static void stopClusters() {
        for (AutoCloseable c : new AutoCloseable[] {targetConnect, sourceConnect, sandbox}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not close " + c, e);
            }
        }
    }

    @Test
    void aConnectorStoppedMidBurstResumesOnTheTargetWithNothingLostRepeatedOrReordered() throws Exception {
        String topic = "sfdc.cdc.account";
        String connector = "account-cdc";
        createTopic(topic, 3);
        SalesforceEventBus bus = new SalesforceEventBus();
        ConnectProducerControl control = control(connector);
        try (EventBusRegistry.Registration bus1 = EventBusRegistry.register("switch", bus);
             CdcTrafficSource traffic = new CdcTrafficSource(bus, CHANNEL, 42L)) {
            // given the connector on the source Connect writing steady traffic, and a 10,000-event bulk
            // update arriving as Salesforce publishes one: 200-record transactions, 2,000 events a second
            createRunning(sourceConnect, connector, SalesforceCdcSourceConnector.config(bus1.id(), CHANNEL, topic,
                    REPLAY_HEADER));
            traffic.start(300);
            await().atMost(WAIT).until(() -> records(sandbox.source(), topic) >= 100);
            long beforeBurst = traffic.published();
            CompletableFuture<Void> burst = paced(traffic, 10_000);
            await().atMost(WAIT).until(() -> records(sandbox.source(), topic) >= beforeBurst + 2_000);

            // when it is stopped mid-burst (twice, as after a crash) and started on the target (twice)
            long stopAt = System.nanoTime();
            ResumePosition position = control.stop(ClusterSide.SOURCE);
            long stopMillis = (System.nanoTime() - stopAt) / 1_000_000;
            long onSourceAtStop = records(sandbox.source(), topic);
            assertThat(burst).as("the burst is still in flight after the stop").isNotDone();
            assertThat(control.stop(ClusterSide.SOURCE)).as("a second stop reports the same position").isEqualTo(position);
            assertThat(records(sandbox.source(), topic)).as("nothing written while stopped").isEqualTo(onSourceAtStop);
            long startAt = System.nanoTime();
            control.start(ClusterSide.TARGET, position);
            long startMillis = (System.nanoTime() - startAt) / 1_000_000;
            control.start(ClusterSide.TARGET, position);
            burst.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            traffic.stop();
            long published = traffic.published();
            await().atMost(WAIT).until(() -> onSourceAtStop + records(sandbox.target(), topic) >= published);
            deleteConnector(targetConnect, connector);

            // then source + target hold every event exactly once, in publish order per key
            List<TopicRecord> onSource = TopicReader.readAll(sandbox.source().bootstrapServers(), topic);
            List<TopicRecord> onTarget = TopicReader.readAll(sandbox.target().bootstrapServers(), topic);
            List<TopicRecord> all = new ArrayList<>(onSource);
            all.addAll(onTarget);
            TrafficReport report = TrafficCheck.check(bus.emittedReplayIds(CHANNEL), all);
            System.err.printf("connect switch: stop() %d ms, start(TARGET) %d ms; %d on source, %d on target: %s%n",
                    stopMillis, startMillis, onSource.size(), onTarget.size(), report.summary());

            assertThat(report.clean()).as(report.summary()).isTrue();
            assertThat(report.found()).isEqualTo(report.emitted()).isEqualTo(published).isGreaterThan(10_100);
            assertThat(onTarget.size()).as("the burst went on on the target").isGreaterThan(1_000);
            assertThat(position.replayId()).isNull();
            assertThat(JSON.readTree(position.report()).path("offsets").get(0).path("offset").path("replayId").asText())
                    .as("the position is the replay id of the last record written to the source")
                    .isEqualTo(lastWritten(onSource, bus.emittedReplayIds(CHANNEL)).replayIdBase64());
        }
    }

    @Test
    void aConnectorPutBackOnTheSourceContinuesThereAndItsStoppedTargetCopyStaysStopped() throws Exception {
        String topic = "sfdc.cdc.contact";
        String connector = "contact-cdc";
        String channel = "/data/ContactChangeEvent";
        createTopic(topic, 1);
        SalesforceEventBus bus = new SalesforceEventBus();
        ConnectProducerControl control = control(connector);
        try (EventBusRegistry.Registration registered = EventBusRegistry.register("put-back", bus);
             CdcTrafficSource traffic = new CdcTrafficSource(bus, channel, 7L)) {
            createRunning(sourceConnect, connector, SalesforceCdcSourceConnector.config(registered.id(), channel, topic,
                    REPLAY_HEADER));
            traffic.start(300);
            await().atMost(WAIT).until(() -> records(sandbox.source(), topic) >= 100);
            traffic.burst(2_000);

            // given a stop, and a switch that crashed right after creating the stopped copy on the target
            ResumePosition position = control.stop(ClusterSide.SOURCE);
            ConnectRestClient target = new ConnectRestClient("target-url", targetConnect.url(), HTTP, WAIT);
            target.createStopped(connector, SalesforceCdcSourceConnector.config(registered.id(), channel, topic,
                    REPLAY_HEADER));

            // when it is put back on the source (twice, as after a crash)
            control.start(ClusterSide.SOURCE, position);
            control.start(ClusterSide.SOURCE, position);
            traffic.stop();
            long published = traffic.published();
            await().atMost(WAIT).until(() -> records(sandbox.source(), topic) >= published);
            deleteConnector(sourceConnect, connector);

            // then the source alone holds every event once, in order; the target copy never ran
            TrafficReport report = TrafficCheck.check(bus.emittedReplayIds(channel),
                    TopicReader.readAll(sandbox.source().bootstrapServers(), topic));
            assertThat(report.clean()).as(report.summary()).isTrue();
            assertThat(report.found()).isEqualTo(published);
            assertThat(target.status(connector)).get().extracting(ConnectorStatus::state).isEqualTo("STOPPED");
            assertThat(records(sandbox.target(), topic)).isZero();
            deleteConnector(targetConnect, connector);
        }
    }

    @Test
    void aConnectorThatWroteOnTheTargetIsPutBackOnTheSourceAfterTheLastEventItWroteThere() throws Exception {
        String topic = "sfdc.cdc.lead";
        String connector = "lead-cdc";
        String channel = "/data/LeadChangeEvent";
        createTopic(topic, 1);
        SalesforceEventBus bus = new SalesforceEventBus();
        ConnectProducerControl control = control(connector);
        try (EventBusRegistry.Registration registered = EventBusRegistry.register("back-from-target", bus);
             CdcTrafficSource traffic = new CdcTrafficSource(bus, channel, 9L)) {
            createRunning(sourceConnect, connector, SalesforceCdcSourceConnector.config(registered.id(), channel, topic,
                    REPLAY_HEADER));
            traffic.start(300);
            await().atMost(WAIT).until(() -> records(sandbox.source(), topic) >= 100);

            // given the connector switched to the target, where it wrote a burst
            control.start(ClusterSide.TARGET, control.stop(ClusterSide.SOURCE));
            long onSourceBefore = records(sandbox.source(), topic);
            traffic.burst(2_000);
            await().atMost(WAIT).until(() -> records(sandbox.target(), topic) >= 1_000);

            // when it is stopped there and put back on the source from the target's position (twice)
            ResumePosition onTarget = control.stop(ClusterSide.TARGET);
            assertThat(control.stop(ClusterSide.TARGET)).isEqualTo(onTarget);
            control.start(ClusterSide.SOURCE, onTarget);
            control.start(ClusterSide.SOURCE, onTarget);
            traffic.stop();
            long published = traffic.published();
            await().atMost(WAIT).until(() -> records(sandbox.source(), topic) + records(sandbox.target(), topic) >= published);

            // then source before, target, source after is every event once, in publish order
            List<TopicRecord> source = TopicReader.readAll(sandbox.source().bootstrapServers(), topic);
            List<TopicRecord> all = new ArrayList<>(source.subList(0, (int) onSourceBefore));
            all.addAll(TopicReader.readAll(sandbox.target().bootstrapServers(), topic));
            all.addAll(source.subList((int) onSourceBefore, source.size()));
            TrafficReport report = TrafficCheck.check(bus.emittedReplayIds(channel), all);
            assertThat(report.clean()).as(report.summary()).isTrue();
            assertThat(report.found()).isEqualTo(published);
            assertThat(source.size()).as("it wrote on the source again").isGreaterThan((int) onSourceBefore);
            assertThat(new ConnectRestClient("target-url", targetConnect.url(), HTTP, WAIT).status(connector))
                    .get().extracting(ConnectorStatus::state).isEqualTo("STOPPED");
            deleteConnector(sourceConnect, connector);
            deleteConnector(targetConnect, connector);
        }
    }

    @Test
    void aMissingConnectorIsNamedWithItsConnectCluster() {
        ConnectProducerControl control = control("no-such-connector");

        assertThatThrownBy(() -> control.stop(ClusterSide.SOURCE))
                .isInstanceOf(ControlException.class)
                .hasMessageStartingWith("producers.no-such-connector.control.source-url: connector 'no-such-connector' "
                        + "does not exist on " + sourceConnect.url());
        assertThatThrownBy(() -> control.start(ClusterSide.TARGET, new ResumePosition(null, "{\"offsets\":[]}")))
                .isInstanceOf(ControlException.class)
                .hasMessageContaining("connector 'no-such-connector' does not exist on " + sourceConnect.url());
    }

    /** Publishes {@code events} in 200-event transactions, one every 100 ms, on a scheduler thread. */
    private static CompletableFuture<Void> paced(CdcTrafficSource traffic, int events) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bulk-update");
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(events);
        scheduler.scheduleAtFixedRate(() -> {
            try {
                int size = Math.min(200, left.get());
                traffic.burst(size);
                if (left.addAndGet(-size) == 0) {
                    done.complete(null);
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        done.whenComplete((ok, failure) -> scheduler.shutdownNow());
        return done;
    }

    private static ConnectProducerControl control(String connector) {
        return new ConnectProducerControl(connector, new ConnectControl(sourceConnect.url(), targetConnect.url(),
                connector), WAIT);
    }

    /**
     * The record the connector wrote last. Partitions carry no order between them, but the connector
     * writes in publish order, so it is the record whose replay id the bus issued last.
     */
    private static TopicRecord lastWritten(List<TopicRecord> records, List<byte[]> emitted) {
        Map<String, Integer> publishIndex = new HashMap<>();
        for (int i = 0; i < emitted.size(); i++) {
            publishIndex.put(Base64.getEncoder().encodeToString(emitted.get(i)), i);
        }
        return records.stream().max(Comparator.comparing(r -> publishIndex.get(r.replayIdBase64()))).orElseThrow();
    }

    private static void createTopic(String topic, int partitions) throws Exception {
        for (SandboxCluster cluster : List.of(sandbox.source(), sandbox.target())) {
            cluster.createTopic(topic, partitions);
        }
    }

    private static long records(SandboxCluster cluster, String topic) throws Exception {
        try (Admin admin = cluster.admin()) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            long total = 0;
            for (int p = 0; p < partitions; p++) {
                TopicPartition tp = new TopicPartition(topic, p);
                total += admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
            }
            return total;
        }
    }

    private static void createRunning(SandboxConnect connect, String name, Map<String, String> config) throws Exception {
        String body = JSON.writeValueAsString(Map.of("name", name, "config", config));
        expect2xx(HTTP.send(HttpRequest.newBuilder(URI.create(connect.url() + "/connectors"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()));
        await().atMost(WAIT).until(() -> new ConnectRestClient("test", connect.url(), HTTP, WAIT).status(name)
                .map(ConnectorStatus::isRunning).orElse(false));
    }

    private static void deleteConnector(SandboxConnect connect, String name) throws Exception {
        expect2xx(HTTP.send(HttpRequest.newBuilder(URI.create(connect.url() + "/connectors/" + name)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private static void expect2xx(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.request().uri() + ": "
                + response.body()).isBetween(200, 299);
    }
}
