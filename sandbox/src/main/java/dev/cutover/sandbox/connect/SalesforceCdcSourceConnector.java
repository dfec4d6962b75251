package dev.cutover.sandbox.connect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.StringConverter;

/**
 * A Salesforce Change Data Capture source connector for the sandbox: it reads one channel of an
 * in-JVM {@link dev.cutover.sandbox.SalesforceEventBus} (found through {@link EventBusRegistry})
 * and writes each event to a topic, key = the first record id, value = the payload JSON. Like the
 * open-source Pub/Sub API connectors, it keeps its position as a Connect source offset holding the
 * replay id (see {@link ReplayOffsets}) and, like most of them, writes the id into no header
 * unless {@value #REPLAY_HEADER} names one.
 *
 * <p>One task per connector: a channel is one ordered stream, and splitting it would break the
 * per-record order downstream consumers rely on.
 */
public final class SalesforceCdcSourceConnector extends SourceConnector {

    public static final String BUS_ID = "sandbox.bus.id";
    public static final String CHANNEL = "salesforce.channel";
    public static final String TOPIC = "kafka.topic";
    public static final String REPLAY_HEADER = "replay.header";
    public static final String POLL_MAX_EVENTS = "poll.max.events";

    static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(BUS_ID, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH,
                    "Id under which the event bus is registered in EventBusRegistry (same JVM).")
            .define(CHANNEL, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH,
                    "The Salesforce channel to subscribe to, e.g. /data/AccountChangeEvent.")
            .define(TOPIC, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH,
                    "The Kafka topic to write the events to.")
            .define(REPLAY_HEADER, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW,
                    "Header to carry each event's replay id (raw bytes); empty for none, as most connectors do.")
            .define(POLL_MAX_EVENTS, ConfigDef.Type.INT, 500, ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW,
                    "Most events one poll returns.");

    private Map<String, String> props;

    /**
     * A complete connector config: this class, one task, string key and value, and (when
     * {@code replayHeader} is not null) the replay id as a raw-bytes header, which is the form
     * {@link dev.cutover.sandbox.TopicReader} reads.
     */
    public static Map<String, String> config(String busId, String channel, String topic, String replayHeader) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", SalesforceCdcSourceConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("key.converter", StringConverter.class.getName());
        c.put("value.converter", StringConverter.class.getName());
        c.put("header.converter", ByteArrayConverter.class.getName());
        c.put(BUS_ID, busId);
        c.put(CHANNEL, channel);
        c.put(TOPIC, topic);
        if (replayHeader != null) {
            c.put(REPLAY_HEADER, replayHeader);
        }
        return c;
    }

    @Override
    public void start(Map<String, String> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        String busId = config.getString(BUS_ID);
        if (EventBusRegistry.lookup(busId) == null) {
            throw new ConfigException(BUS_ID, busId, "no event bus is registered under this id in this JVM");
        }
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return SalesforceCdcSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
        // Nothing to release: the tasks hold the subscriptions.
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return "sandbox";
    }

    /**
     * Accepts offsets written through the REST API (PATCH /connectors/{name}/offsets) only in this
     * connector's own shape, so a cutover that mangled them fails there and not at the next start.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        String channel = new AbstractConfig(CONFIG_DEF, connectorConfig).getString(CHANNEL);
        offsets.forEach((partition, offset) -> {
            if (!ReplayOffsets.partition(channel).equals(partition)) {
                throw new ConfigException("unknown source partition " + partition + "; this connector reads only "
                        + ReplayOffsets.partition(channel));
            }
            try {
                ReplayOffsets.replayId(offset);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("invalid offset for " + partition + ": " + e.getMessage());
            }
        });
        return true;
    }
}
