package dev.cutover.sandbox.connect;

import dev.cutover.sandbox.BusEvent;
import dev.cutover.sandbox.ReplayIdCorruptedException;
import dev.cutover.sandbox.ReplayPreset;
import dev.cutover.sandbox.SalesforceEventBus;
import dev.cutover.sandbox.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Subscribes to the channel after the replay id in the task's committed source offset (EARLIEST
 * when there is none) and turns each event into one record whose source offset is that event's
 * replay id. Connect commits an offset only once its record is acknowledged, so the committed
 * replay id never runs ahead of what is in Kafka.
 */
public final class SalesforceCdcSourceTask extends SourceTask {

    /** How long one poll waits for the first event; short, so a stop is never held up. */
    private static final Duration POLL_WAIT = Duration.ofMillis(200);

    private volatile Subscription subscription;
    private Map<String, String> partition;
    private String topic;
    private String replayHeader;
    private int maxEvents;

    @Override
    public void start(Map<String, String> props) {
        AbstractConfig config = new AbstractConfig(SalesforceCdcSourceConnector.CONFIG_DEF, props);
        String busId = config.getString(SalesforceCdcSourceConnector.BUS_ID);
        String channel = config.getString(SalesforceCdcSourceConnector.CHANNEL);
        SalesforceEventBus bus = EventBusRegistry.lookup(busId);
        if (bus == null) {
            throw new ConnectException("no event bus is registered as '" + busId + "' in this JVM");
        }
        topic = config.getString(SalesforceCdcSourceConnector.TOPIC);
        replayHeader = config.getString(SalesforceCdcSourceConnector.REPLAY_HEADER);
        maxEvents = config.getInt(SalesforceCdcSourceConnector.POLL_MAX_EVENTS);
        partition = ReplayOffsets.partition(channel);
        byte[] after = ReplayOffsets.replayId(context.offsetStorageReader().offset(partition));
        try {
            subscription = after == null
                    ? bus.subscribe(channel, ReplayPreset.EARLIEST, null)
                    : bus.subscribe(channel, ReplayPreset.CUSTOM, after);
        } catch (ReplayIdCorruptedException e) {
            // Salesforce's replayid.corrupted: resuming anyway would silently lose events.
            throw new ConnectException("cannot resume " + channel + " after committed replay id "
                    + Base64.getEncoder().encodeToString(after) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<SourceRecord> poll() {
        Subscription current = subscription;
        if (current == null) {
            return null;
        }
        List<BusEvent> events;
        try {
            events = current.fetch(maxEvents, POLL_WAIT);
        } catch (ReplayIdCorruptedException e) {
            throw new ConnectException("the subscription to " + current.channel() + " lost events: " + e.getMessage(), e);
        }
        if (events.isEmpty()) {
            return null;
        }
        List<SourceRecord> records = new ArrayList<>(events.size());
        for (BusEvent event : events) {
            records.add(toRecord(event));
        }
        return records;
    }

    private SourceRecord toRecord(BusEvent event) {
        ConnectHeaders headers = new ConnectHeaders();
        if (!replayHeader.isEmpty()) {
            headers.addBytes(replayHeader, event.replayId());
        }
        return new SourceRecord(partition, ReplayOffsets.offset(event.replayId()), topic, null,
                Schema.OPTIONAL_STRING_SCHEMA, event.recordId(), Schema.STRING_SCHEMA, event.payloadJson(),
                event.publishedAtMillis(), headers);
    }

    @Override
    public void stop() {
        // Called from another thread than poll(); closing wakes a waiting fetch.
        Subscription current = subscription;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public String version() {
        return "sandbox";
    }
}
