package dev.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Given two real clusters and Salesforce traffic, a bridge switched between them loses and repeats nothing. */
class BridgeCutoverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Sandbox sandbox;

    @BeforeAll
    static void startClusters() {
        sandbox = Sandbox.start();
    }

    @AfterAll
    static void stopClusters() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void bridgeStoppedMidBurstResumesOnTheTargetWithNothingLostRepeatedOrReordered() throws Exception {
        String channel = "/data/AccountChangeEvent";
        String topic = "sfdc.cdc.account";
        createOnBoth(topic, 3);
        SalesforceEventBus bus = new SalesforceEventBus();
        try (CdcTrafficSource traffic = new CdcTrafficSource(bus, channel, 42L);
             BridgeProducer bridge = new BridgeProducer("account-cdc", bus, channel, topic)) {
            // given a bridge writing steady traffic and a bulk burst into the source
            bridge.start(sandbox.source().bootstrapServers(), ReplayPreset.EARLIEST);
            traffic.start(400);
            await().atMost(Duration.ofSeconds(20)).until(() -> bridge.eventsWritten() >= 100);
            traffic.burst(10_000);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2))
                    .until(() -> bridge.eventsWritten() >= 3_000);

            // when it is stopped mid-burst and started on the target from the position it reported
            ReplayPosition reported = bridge.stop();
            long writtenOnSource = bridge.eventsWritten();
            assertThat(bridge.stop()).as("a repeated stop reports the same position").isEqualTo(reported);
            assertThat(traffic.published()).as("stopped mid-burst").isGreaterThan(writtenOnSource + 1_000);
            bridge.start(sandbox.target().bootstrapServers(), reported);
            await().atMost(Duration.ofSeconds(20)).until(() -> bridge.eventsWritten() > writtenOnSource + 100);
            traffic.stop();
            byte[] last = bus.latestReplayId(channel);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bridge.position().equals(new ReplayPosition(last)));
            bridge.stop();

            // then source + target hold every event exactly once, in publish order per key
            List<TopicRecord> onSource = TopicReader.readAll(sandbox.source().bootstrapServers(), topic);
            List<TopicRecord> onTarget = TopicReader.readAll(sandbox.target().bootstrapServers(), topic);
            List<TopicRecord> all = new ArrayList<>(onSource);
            all.addAll(onTarget);
            TrafficReport report = TrafficCheck.check(bus.emittedReplayIds(channel), all);

            assertThat(report.clean()).as(report.summary()).isTrue();
            assertThat(report.emitted()).isEqualTo(traffic.published()).isGreaterThan(10_100);
            assertThat(report.found()).isEqualTo(report.emitted());
            assertThat(onSource).hasSize((int) writtenOnSource);
            assertThat(onSource.get(onSource.size() - 1).replayId()).isNotNull();
            assertThat(onSource).anySatisfy(r -> assertThat(r.replayIdBase64()).isEqualTo(reported.base64()));
            assertThat(onTarget).isNotEmpty().noneSatisfy(r ->
                    assertThat(r.replayIdBase64()).isEqualTo(reported.base64()));
            assertThat(bridge.failure()).isEmpty();
        }
    }

    @Test
    void httpControlStopsReportsAndRestartsTheBridge() throws Exception {
        String channel = "/data/ContactChangeEvent";
        String topic = "sfdc.cdc.contact";
        createOnBoth(topic, 1);
        SalesforceEventBus bus = new SalesforceEventBus();
        CdcTrafficSource traffic = new CdcTrafficSource(bus, channel, 7L);
        HttpClient http = HttpClient.newHttpClient();
        try (BridgeProducer bridge = new BridgeProducer("contact-cdc", bus, channel, topic);
             BridgeHttpControl control = BridgeHttpControl.start(bridge)) {
            assertThat(control.uri().getHost()).isEqualTo("127.0.0.1");

            HttpResponse<String> started = post(http, control, "/start?bootstrap="
                    + encode(sandbox.source().bootstrapServers()) + "&replayId=");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            traffic.burst(50);
            await().atMost(Duration.ofSeconds(20)).until(() -> bridge.eventsWritten() == 50);

            HttpResponse<String> stopped = post(http, control, "/stop");
            JsonNode stop = JSON.readTree(stopped.body());
            assertThat(stopped.statusCode()).isEqualTo(200);
            assertThat(stop.get("producer").asText()).isEqualTo("contact-cdc");
            assertThat(ReplayPosition.fromBase64(stop.get("replayId").asText()))
                    .isEqualTo(new ReplayPosition(bus.latestReplayId(channel)));
            assertThat(JSON.readTree(post(http, control, "/stop").body())).as("stop is idempotent").isEqualTo(stop);

            traffic.burst(20); // published while no bridge runs
            // the replay id is sent raw, unencoded, the way a shell script would paste it
            HttpResponse<String> restarted = post(http, control, "/start?bootstrap="
                    + encode(sandbox.target().bootstrapServers()) + "&replayId=" + stop.get("replayId").asText());
            assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> bridge.eventsWritten() == 70);
            HttpResponse<String> elsewhere = post(http, control, "/start?bootstrap="
                    + encode(sandbox.source().bootstrapServers()) + "&replayId=");
            assertThat(elsewhere.statusCode()).isEqualTo(409);
            assertThat(post(http, control, "/stop").statusCode()).isEqualTo(200);

            assertThat(TopicReader.readAll(sandbox.source().bootstrapServers(), topic)).hasSize(50);
            List<TopicRecord> onTarget = TopicReader.readAll(sandbox.target().bootstrapServers(), topic);
            assertThat(onTarget).hasSize(20);
            List<byte[]> emitted = bus.emittedReplayIds(channel);
            assertThat(onTarget.get(0).replayIdBase64())
                    .isEqualTo(new ReplayPosition(emitted.get(50)).base64());

            HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(control.uri().resolve("/stop")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrongMethod.statusCode()).isEqualTo(405);
            assertThat(post(http, control, "/start?replayId=").statusCode()).isEqualTo(400);
        }
    }

    private static HttpResponse<String> post(HttpClient http, BridgeHttpControl control, String pathAndQuery)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(control.uri() + pathAndQuery))
                .timeout(Duration.ofSeconds(70))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void createOnBoth(String topic, int partitions) throws Exception {
        for (SandboxCluster cluster : List.of(sandbox.source(), sandbox.target())) {
            cluster.createTopic(topic, partitions);
        }
    }
}
