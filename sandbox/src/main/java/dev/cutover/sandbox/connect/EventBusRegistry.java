package dev.cutover.sandbox.connect;

import dev.cutover.sandbox.SalesforceEventBus;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a connector task finds the bus it reads. Kafka Connect builds connectors and tasks from
 * string configs only, so the in-JVM {@link SalesforceEventBus} cannot be handed over directly:
 * it is registered here under an id, and the connector config names that id
 * ({@value SalesforceCdcSourceConnector#BUS_ID}). The same id works on every Connect worker of
 * this JVM, which is what lets a connector move from the source Connect cluster to the target.
 */
public final class EventBusRegistry {

    private static final Map<String, SalesforceEventBus> BUSES = new ConcurrentHashMap<>();

    private EventBusRegistry() {
    }

    /** Registers {@code bus} under {@code id} until the returned registration is closed. */
    public static Registration register(String id, SalesforceEventBus bus) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(bus, "bus");
        SalesforceEventBus earlier = BUSES.putIfAbsent(id, bus);
        if (earlier != null && earlier != bus) {
            throw new IllegalStateException("another event bus is already registered as '" + id + "'");
        }
        return new Registration(id);
    }

    /** The bus registered as {@code id}, or null. */
    static SalesforceEventBus lookup(String id) {
        return BUSES.get(id);
    }

    /** Keeps a bus reachable by connectors; closing it unregisters the bus. */
    public record Registration(String id) implements AutoCloseable {
        @Override
        public void close() {
            BUSES.remove(id);
        }
    }
}
