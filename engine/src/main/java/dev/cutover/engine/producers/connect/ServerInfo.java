package dev.cutover.engine.producers.connect;

/** What a Connect worker says about itself ({@code GET /}). */
public record ServerInfo(String version, String commit, String kafkaClusterId) {
}
