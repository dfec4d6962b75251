package dev.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SalesforceEventBusTest {

    private static final String ACCOUNTS = "/data/AccountChangeEvent";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MutableClock clock;
    private SalesforceEventBus bus;
    private CdcTrafficSource traffic;

    @BeforeEach
    void newBus() {
        clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        bus = new SalesforceEventBus(clock, Duration.ofHours(72), 7L);
        traffic = new CdcTrafficSource(bus, ACCOUNTS, 42L);
    }

    @Test
    void replayIdsAreOrderedButNotContiguous() {
        traffic.burst(200);

        List<BusEvent> events = fetchAll(bus.subscribe(ACCOUNTS, ReplayPreset.EARLIEST, null));

        assertThat(events).hasSize(200);
        // Only this test may read the bytes: it checks the simulator's own encoding, which the tool must not rely on.
        List<Long> counters = events.stream().map(e -> ByteBuffer.wrap(e.replayId()).getLong()).toList();
        assertThat(counters).isSorted().doesNotHaveDuplicates();
        long gaps = 0;
        for (int i = 1; i < counters.size(); i++) {
            assertThat(counters.get(i) - counters.get(i - 1)).isBetween(1L, 5L);
            gaps += counters.get(i) - counters.get(i - 1) > 1 ? 1 : 0;
        }
        assertThat(gaps).as("steps larger than one").isPositive();
        assertThat(bus.emittedReplayIds(ACCOUNTS)).extracting(ByteBuffer::wrap)
                .containsExactlyElementsOf(events.stream().map(e -> ByteBuffer.wrap(e.replayId())).toList());
    }

    @Test
    void customStartsStrictlyAfterTheGivenId() {
        traffic.burst(50);
        List<BusEvent> all = fetchAll(bus.subscribe(ACCOUNTS, ReplayPreset.EARLIEST, null));

        Subscription resumed = bus.subscribe(ACCOUNTS, ReplayPreset.CUSTOM, all.get(19).replayId());

        List<BusEvent> rest = fetchAll(resumed);
        assertThat(rest).hasSize(30);
        assertThat(rest.get(0).replayId()).isEqualTo(all.get(20).replayId());
        assertThat(resumed.startsAfter()).isEqualTo(all.get(19).replayId());
    }

    @Test
    void earliestStartsAtTheOldestRetainedEvent() {
        traffic.burst(10);
        clock.advance(Duration.ofHours(73));
        traffic.burst(5);

        List<BusEvent> retained = fetchAll(bus.subscribe(ACCOUNTS, ReplayPreset.EARLIEST, null));

        assertThat(retained).hasSize(5);
        assertThat(retained.get(0).replayId()).isEqualTo(bus.emittedReplayIds(ACCOUNTS).get(10));
    }

    @Test
    void latestDeliversOnlyNewEventsAndWaitsForThem() throws Exception {
        traffic.burst(10);
        try (Subscription latest = bus.subscribe(ACCOUNTS, ReplayPreset.LATEST, null)) {
            assertThat(latest.fetch(10, Duration.ofMillis(20))).isEmpty();
            assertThat(latest.startsAfter()).isEqualTo(bus.latestReplayId(ACCOUNTS));

            CompletableFuture<List<BusEvent>> waiting =
                    CompletableFuture.supplyAsync(() -> latest.fetch(10, Duration.ofSeconds(10)));
            BusEvent published = traffic.publishOne();

            List<BusEvent> delivered = waiting.get(10, TimeUnit.SECONDS);
            assertThat(delivered).extracting(BusEvent::replayIdBase64).containsExactly(published.replayIdBase64());
            assertThat(latest.latestReplayId()).isEqualTo(published.replayId());
        }
    }

    @Test
    void closingWakesAWaitingFetch() throws Exception {
        Subscription subscription = bus.subscribe(ACCOUNTS, ReplayPreset.LATEST, null);
        CompletableFuture<List<BusEvent>> waiting =
                CompletableFuture.supplyAsync(() -> subscription.fetch(10, Duration.ofSeconds(30)));

        subscription.close();

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void resumingFromAnExpiredIdFailsLikeSalesforce() {
        traffic.burst(10);
        byte[] old = bus.latestReplayId(ACCOUNTS);
        clock.advance(Duration.ofHours(72).plusSeconds(1));
        traffic.burst(1);

        assertThatThrownBy(() -> bus.subscribe(ACCOUNTS, ReplayPreset.CUSTOM, old))
                .isInstanceOf(ReplayIdCorruptedException.class)
                .hasMessageContaining("The Replay ID validation failed")
                .hasMessageContaining("sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted");
        assertThatThrownBy(() -> bus.subscribe(ACCOUNTS, ReplayPreset.CUSTOM, new byte[] {1, 2, 3}))
                .isInstanceOf(ReplayIdCorruptedException.class);
    }

    @Test
    void aSubscriberThatFallsOutOfRetentionIsToldSo() {
        traffic.burst(3);
        Subscription slow = bus.subscribe(ACCOUNTS, ReplayPreset.EARLIEST, null);
        clock.advance(Duration.ofHours(80));

        assertThatThrownBy(() -> slow.fetch(10, Duration.ZERO)).isInstanceOf(ReplayIdCorruptedException.class);
    }

    @Test
    void payloadsLookLikeChangeEventsIncludingTheRareKinds() throws Exception {
        traffic.burst(3000);
        for (int i = 0; i < 500; i++) {
            traffic.publishOne();
        }

        Set<String> changeTypes = new HashSet<>();
        Set<String> keys = new HashSet<>();
        int merged = 0;
        for (BusEvent event : fetchAll(bus.subscribe(ACCOUNTS, ReplayPreset.EARLIEST, null))) {
            JsonNode header = JSON.readTree(event.payloadJson()).get("ChangeEventHeader");
            assertThat(header.get("entityName").asText()).isEqualTo("Account");
            for (String field : List.of("changeType", "transactionKey", "sequenceNumber", "commitTimestamp",
                    "commitNumber", "changeOrigin", "changedFields", "recordIds")) {
                assertThat(header.has(field)).as(field).isTrue();
            }
            String type = header.get("changeType").asText();
            changeTypes.add(type);
            if (type.equals("GAP_OVERFLOW")) {
                assertThat(header.get("recordIds")).isEmpty();
                assertThat(event.recordId()).isNull();
            } else {
                assertThat(event.recordId()).startsWith("001").hasSize(18)
                        .isEqualTo(header.get("recordIds").get(0).asText());
                keys.add(event.recordId());
            }
            merged += header.get("recordIds").size() > 1 ? 1 : 0;
        }
        assertThat(changeTypes).contains("UPDATE", "CREATE", "GAP_UPDATE", "GAP_OVERFLOW");
        assertThat(merged).isPositive();
        assertThat(keys).hasSizeLessThanOrEqualTo(CdcTrafficSource.DEFAULT_RECORD_POOL);
    }

    @Test
    void theSameSeedMakesTheSamePayloads() {
        SalesforceEventBus other = new SalesforceEventBus(clock, Duration.ofHours(72), 7L);
        new CdcTrafficSource(other, ACCOUNTS, 42L).burst(300);
        traffic.burst(300);

        assertThat(fetchAll(other.subscribe(ACCOUNTS, ReplayPreset.EARLIEST, null))).extracting(BusEvent::payloadJson)
                .containsExactlyElementsOf(fetchAll(bus.subscribe(ACCOUNTS, ReplayPreset.EARLIEST, null)).stream()
                        .map(BusEvent::payloadJson).toList());
    }

    @Test
    void steadyTrafficRunsOnItsOwnThreadUntilStopped() {
        traffic.start(500);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> traffic.published() >= 20);
        traffic.stop();
        long after = traffic.published();

        assertThat(traffic.running()).isFalse();
        assertThat(bus.publishedCount(ACCOUNTS)).isEqualTo(after);
    }

    private static List<BusEvent> fetchAll(Subscription subscription) {
        List<BusEvent> all = new ArrayList<>();
        try (subscription) {
            List<BusEvent> batch;
            while (!(batch = subscription.fetch(1000, Duration.ZERO)).isEmpty()) {
                all.addAll(batch);
            }
        }
        return all;
    }
}
