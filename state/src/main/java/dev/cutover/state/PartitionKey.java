package dev.cutover.state;

/** A source topic-partition. */
public record PartitionKey(String topic, int partition) {}
