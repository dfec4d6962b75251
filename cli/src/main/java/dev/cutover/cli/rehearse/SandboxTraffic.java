package dev.cutover.cli.rehearse;

import dev.cutover.plans.ConsumerSpec;
import dev.cutover.plans.Plan;
import dev.cutover.plans.ProducerSpec;
import dev.cutover.sandbox.BridgeHttpControl;
import dev.cutover.sandbox.BridgeProducer;
import dev.cutover.sandbox.CdcTrafficSource;
import dev.cutover.sandbox.ConsumerHttpControl;
import dev.cutover.sandbox.DemoConsumer;
import dev.cutover.sandbox.ReplayPreset;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.SalesforceEventBus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The sandbox's moving parts for a plan: one simulated Salesforce channel, CDC traffic source and
 * bridge producer (with its HTTP control) per planned producer, and a demo consumer per planned
 * group, all on the source cluster at first.
 */
final class SandboxTraffic implements AutoCloseable {

    static final int PARTITIONS = 3;

    private final Sandbox sandbox;
    private final SalesforceEventBus bus = new SalesforceEventBus();
    private final Map<String, CdcTrafficSource> sources = new LinkedHashMap<>();
    private final Map<String, BridgeProducer> bridges = new LinkedHashMap<>();
    private final Map<String, BridgeHttpControl> controls = new LinkedHashMap<>();
    private final List<DemoConsumer> consumers = new ArrayList<>();
    private final Map<String, ConsumerHttpControl> consumerControls = new LinkedHashMap<>();

    SandboxTraffic(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Creates the producers' topics on the source and starts bridges, traffic and consumers. */
    void start(Plan plan, double eventsPerSecond) throws Exception {
        Set<String> topics = new LinkedHashSet<>();
        plan.producers().forEach(p -> topics.addAll(p.topics()));
        sandbox.source().createTopics(topics.stream().map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList());
        long seed = 42;
        for (ProducerSpec p : plan.producers()) {
            String channel = "/data/" + p.name();
            BridgeProducer bridge = new BridgeProducer(p.name(), bus, channel, p.topics().get(0));
            bridge.start(sandbox.source().bootstrapServers(), ReplayPreset.EARLIEST);
            bridges.put(p.name(), bridge);
            controls.put(p.name(), BridgeHttpControl.start(bridge));
            CdcTrafficSource source = new CdcTrafficSource(bus, channel, seed++);
            source.start(eventsPerSecond);
            sources.put(p.name(), source);
        }
        for (ConsumerSpec c : plan.consumers()) {
            DemoConsumer consumer = new DemoConsumer(c.group(), List.copyOf(topics));
            consumer.start(sandbox.source().bootstrapServers());
            consumers.add(consumer);
            consumerControls.put(c.group(), ConsumerHttpControl.start(consumer));
        }
    }

    /** Base URL of each producer's HTTP control, by producer name. */
    Map<String, String> controlUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        controls.forEach((name, control) -> urls.put(name, "http://127.0.0.1:" + control.port()));
        return urls;
    }

    /** Base URL of each demo consumer's HTTP control, by group. */
    Map<String, String> consumerControlUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        consumerControls.forEach((group, control) -> urls.put(group, control.uri().toString()));
        return urls;
    }

    /** A bulk-update burst on every channel, as fast as the bus takes it. */
    long burst(int eventsPerChannel) {
        sources.values().forEach(s -> s.burst(eventsPerChannel));
        return (long) eventsPerChannel * sources.size();
    }

    /** Stops the simulated Salesforce traffic and waits until each bridge has written all of it. */
    void stopTrafficAndDrain(Duration timeout) throws InterruptedException {
        sources.values().forEach(CdcTrafficSource::stop);
        Instant deadline = Instant.now().plus(timeout);
        for (BridgeProducer bridge : bridges.values()) {
            while (bridge.eventsWritten() < bus.publishedCount(bridge.channel())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("bridge " + bridge.name() + " wrote " + bridge.eventsWritten() + " of "
                            + bus.publishedCount(bridge.channel()) + " events within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(50); // polling the bridge's counter, with a deadline
            }
        }
    }

    SalesforceEventBus bus() {
        return bus;
    }

    Map<String, BridgeProducer> bridges() {
        return bridges;
    }

    List<DemoConsumer> consumers() {
        return consumers;
    }

    long published() {
        return bridges.values().stream().mapToLong(b -> bus.publishedCount(b.channel())).sum();
    }

    @Override
    public void close() {
        sources.values().forEach(CdcTrafficSource::close);
        controls.values().forEach(BridgeHttpControl::close);
        consumerControls.values().forEach(ConsumerHttpControl::close);
        bridges.values().forEach(BridgeProducer::close);
        consumers.forEach(DemoConsumer::close);
    }
}
