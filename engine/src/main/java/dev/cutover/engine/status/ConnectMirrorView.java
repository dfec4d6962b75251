package dev.cutover.engine.status;

import dev.cutover.engine.connect.ConnectRestClient;
import dev.cutover.engine.connect.ConnectorStatus;
import dev.cutover.engine.connect.MirrorOnConnect;
import dev.cutover.engine.connect.MirrorSourceOffsets;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.engine.mirror.MirrorConnectors;
import dev.cutover.plans.Plan;
import dev.cutover.plans.PropertyResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code mirror.engine: connect} as {@code cutover status} shows it, read from the Connect cluster (GET
 * only): each connector with each task's state and worker, and how far the copy is per partition from
 * the source connector's committed offsets. Connect that does not answer is shown as such, never fails
 * the status.
 *
 * @param connectors one per connector cutover deploys; {@code status} empty when it does not exist
 * @param copied     next source offset per partition, sorted by topic then partition
 * @param reverseCopied the reverse connector's next target offset per partition, once it exists
 * @param error      why Connect could not be read, or null
 */
public record ConnectMirrorView(String url, List<Connector> connectors, Map<TopicPartition, Long> copied,
                                Map<TopicPartition, Long> reverseCopied, String error) {

    /** A status must answer promptly: no waiting out a rebalance. */
    private static final Duration NO_RETRY = Duration.ZERO;

    /** @param status empty when the connector does not exist on the cluster */
    public record Connector(String name, Optional<ConnectorStatus> status) {
    }

    public static ConnectMirrorView read(Plan plan) {
        String url = plan.mirror().connectUrl();
        List<String> names = List.of(MirrorConnectors.sourceName(plan.name()), MirrorConnectors.checkpointName(plan.name()));
        try {
            ConnectRestClient client = MirrorOnConnect.client(plan, new PropertyResolver(), NO_RETRY);
            List<Connector> connectors = new ArrayList<>();
            for (String name : names) {
                connectors.add(new Connector(name, client.status(name)));
            }
            // The reverse connector exists from the switch on (target to source): shown once it does.
            String reverse = MirrorConnectors.reverseName(plan.name());
            client.status(reverse).ifPresent(st -> connectors.add(new Connector(reverse, Optional.of(st))));
            Map<TopicPartition, Long> copied = connectors.get(0).status().isPresent() ? offsets(client, names.get(0)) : Map.of();
            Map<TopicPartition, Long> reverseCopied = connectors.size() > 2 ? offsets(client, reverse) : Map.of();
            return new ConnectMirrorView(url, connectors, copied, reverseCopied, null);
        } catch (ControlException | RuntimeException e) {
            // Status shows what it can: the ledger's part is already read, Connect's is this one line.
            return new ConnectMirrorView(url, names.stream().map(n -> new Connector(n, Optional.empty())).toList(), Map.of(),
                    Map.of(), e.getMessage());
        }
    }

    /** A connector's next offsets to copy, by topic then partition. */
    private static Map<TopicPartition, Long> offsets(ConnectRestClient client, String connector) throws ControlException {
        Map<TopicPartition, Long> copied = new LinkedHashMap<>();
        MirrorSourceOffsets.nextOffsets("the offsets of " + connector, client.offsets(connector)).entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition)))
                .forEach(e -> copied.put(e.getKey(), e.getValue()));
        return copied;
    }
}
