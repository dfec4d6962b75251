package dev.cutover.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A Salesforce producer as a cutover sees it, for scenarios: one simulated CDC channel with steady
 * traffic, a bridge writing it to a topic on the source cluster, and the bridge's HTTP control.
 */
public record SimulatedProducer(SalesforceEventBus bus, CdcTrafficSource traffic, BridgeProducer bridge,
                                BridgeHttpControl control) implements AutoCloseable {

    /** Creates {@code topic} (3 partitions) on the sandbox's source and starts writing to it. */
    public static SimulatedProducer start(Sandbox sandbox, String name, String topic, double eventsPerSecond) {
        sandbox.source().createTopic(topic, 3);
        SalesforceEventBus bus = new SalesforceEventBus();
        String channel = "/data/" + name;
        BridgeProducer bridge = new BridgeProducer(name, bus, channel, topic);
        bridge.start(sandbox.source().bootstrapServers(), ReplayPreset.EARLIEST);
        CdcTrafficSource traffic = new CdcTrafficSource(bus, channel, name.hashCode());
        traffic.start(eventsPerSecond);
        return new SimulatedProducer(bus, traffic, bridge, BridgeHttpControl.start(bridge));
    }

    /** Base URL of the bridge's HTTP control. */
    public String url() {
        return "http://127.0.0.1:" + control.port();
    }

    /** Every replay id the channel emitted, in order. */
    public List<byte[]> emitted() {
        return bus.emittedReplayIds(bridge.channel());
    }

    /** Stops the Salesforce side and waits (with a deadline) until the bridge has written every event. */
    public void drain(Duration timeout) {
        traffic.stop();
        Instant deadline = Instant.now().plus(timeout);
        while (bridge.eventsWritten() < bus.publishedCount(bridge.channel())) {
            if (Instant.now().isAfter(deadline) || bridge.failure().isPresent()) {
                throw new SandboxException("bridge " + bridge.name() + " wrote " + bridge.eventsWritten() + " of "
                        + bus.publishedCount(bridge.channel()) + " events" + bridge.failure().map(f -> ": " + f).orElse(""));
            }
            try {
                Thread.sleep(50); // polling the bridge's counter, with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException("interrupted while draining " + bridge.name(), e);
            }
        }
    }

    @Override
    public void close() {
        traffic.close();
        control.close();
        bridge.close();
    }
}
