package dev.cutover.plans;

import java.util.List;

/**
 * A parsed and validated plan file (contract section 3). Only {@link PlanParser} builds one from
 * YAML; every instance it returns has passed validation.
 *
 * @param sourceFile the file name as given to the parser, used in messages
 * @param text       the file text exactly as read: the ledger stores it and the fingerprint covers
 *                   it, which is why literal secrets are refused (they would end up in the ledger)
 */
public record Plan(
        int version,
        String name,
        ClusterSpec source,
        ClusterSpec target,
        TopicSelection topics,
        GroupSelection groups,
        MirrorSettings mirror,
        List<ProducerSpec> producers,
        List<ConsumerSpec> consumers,
        GateSettings gates,
        RollbackSettings rollback,
        String sourceFile,
        String text) {

    /** The only plan format version this build reads. */
    public static final int SUPPORTED_VERSION = 1;

    public Plan {
        producers = List.copyOf(producers);
        consumers = List.copyOf(consumers);
    }
}
