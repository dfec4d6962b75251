package dev.cutover.plans;

import java.util.List;

/**
 * One entry of {@code producers}: something that writes Salesforce events into the source.
 *
 * @param topics       the topics it writes, each selected by {@code topics}
 * @param replayHeader header holding the Salesforce replay id, used to cross-check; null if absent
 */
public record ProducerSpec(String name, List<String> topics, String replayHeader, ControlSpec control) {

    public ProducerSpec {
        topics = List.copyOf(topics);
    }
}
