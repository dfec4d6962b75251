package dev.cutover.bench;

import dev.cutover.sandbox.BridgeHttpControl;
import dev.cutover.sandbox.BridgeProducer;
import dev.cutover.sandbox.CdcTrafficSource;
import dev.cutover.sandbox.ReplayPreset;
import dev.cutover.sandbox.SalesforceEventBus;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.SimulatedProducer;
import dev.cutover.sandbox.TopicReader;
import dev.cutover.sandbox.TrafficCheck;
import dev.cutover.sandbox.TrafficReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * N simulated Salesforce producers writing to the source: producer {@code p<i>} (1-based) reads its
 * own CDC channel and writes {@code <prefix>.sfdc.cdc.p<i>} (1, 2 or 3 partitions, in turn), and
 * answers the gate's {@code http} stop and start controls.
 *
 * <p>Each is what {@link SimulatedProducer#start} makes, except that the fleet creates all topics
 * first and starts the bridges only once the source shows every partition with a leader: on a busy
 * machine a topic could still be missing from the metadata when the plan was made, and the first
 * step then refused the plan as stale.
 */
final class ProducerFleet implements AutoCloseable {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final String prefix;
    private final Map<String, SimulatedProducer> producers;

    private ProducerFleet(String prefix, Map<String, SimulatedProducer> producers) {
        this.prefix = prefix;
        this.producers = producers;
    }

    /** Starts {@code count} producers; if one fails to start, those already started are closed. */
    static ProducerFleet start(Sandbox sandbox, String prefix, int count, double eventsPerSecond) {
        ProducerFleet fleet = new ProducerFleet(prefix, new LinkedHashMap<>());
        List<NewTopic> topics = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            topics.add(new NewTopic(fleet.topic("p" + i), 1 + (i - 1) % 3, (short) 1));
        }
        sandbox.source().createTopics(topics);
        try {
            for (int i = 1; i <= count; i++) {
                String name = "p" + i;
                fleet.producers.put(name, startProducer(sandbox, name, fleet.topic(name), eventsPerSecond));
            }
            return fleet;
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    /** As {@link SimulatedProducer#start}, on a topic that exists already. */
    private static SimulatedProducer startProducer(Sandbox sandbox, String name, String topic, double eventsPerSecond) {
        SalesforceEventBus bus = new SalesforceEventBus();
        String channel = "/data/" + name;
        BridgeProducer bridge = new BridgeProducer(name, bus, channel, topic);
        CdcTrafficSource traffic = new CdcTrafficSource(bus, channel, name.hashCode());
        try {
            bridge.start(sandbox.source().bootstrapServers(), ReplayPreset.EARLIEST);
            traffic.start(eventsPerSecond);
            return new SimulatedProducer(bus, traffic, bridge, BridgeHttpControl.start(bridge));
        } catch (RuntimeException e) {
            traffic.close();
            bridge.close();
            throw e;
        }
    }

    String topic(String producer) {
        return prefix + ".sfdc.cdc." + producer;
    }

    /** The plan's {@code producers:} block: one {@code http} control per producer, as SwitchProducersIT writes it. */
    String planYaml() {
        StringBuilder yaml = new StringBuilder("producers:\n");
        producers.forEach((name, p) -> yaml.append("""
                  - name: %1$s
                    topics: [%2$s]
                    replay-header: sfdc.replayId
                    control:
                      type: http
                      stop: %3$s/stop
                      start: "%3$s/start?bootstrap={target.bootstrap}&replayId={replayId}"
                """.formatted(name, topic(name), p.url())));
        return yaml.toString();
    }

    /**
     * Stops the Salesforce side of every producer, waits until each bridge has written every event,
     * then checks per producer that every replay id is on {@code bootstrap}'s topic exactly once, in order.
     */
    Map<String, TrafficReport> drainAndCheck(String bootstrap) {
        producers.values().forEach(p -> p.traffic().stop());
        Map<String, TrafficReport> reports = new LinkedHashMap<>();
        producers.forEach((name, p) -> {
            p.drain(DRAIN_TIMEOUT);
            reports.put(name, TrafficCheck.check(p.emitted(), TopicReader.readAll(bootstrap, topic(name))));
        });
        return reports;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (Map.Entry<String, SimulatedProducer> e : producers.entrySet()) {
            try {
                e.getValue().close();
            } catch (RuntimeException closing) {
                if (failure == null) {
                    failure = new IllegalStateException("could not close producer " + e.getKey(), closing);
                } else {
                    failure.addSuppressed(closing);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
