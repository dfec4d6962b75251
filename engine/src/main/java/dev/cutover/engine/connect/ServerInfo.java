package dev.cutover.engine.connect;

/** What a Connect worker says about itself ({@code GET /}). */
public record ServerInfo(String version, String commit, String kafkaClusterId) {
}
