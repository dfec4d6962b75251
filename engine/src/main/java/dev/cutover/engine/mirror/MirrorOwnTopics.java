package dev.cutover.engine.mirror;

import java.util.List;
import org.apache.kafka.connect.mirror.IdentityReplicationPolicy;

/**
 * The topics the embedded mirror creates for itself on the cluster it copies to, named as
 * MirrorMaker 2 names them, so standard tooling finds them; {@code finalize} removes them at the end.
 * The agent calls the clusters {@link #SOURCE} and {@link #TARGET} in the forward job.
 */
public final class MirrorOwnTopics {

    public static final String SOURCE = "source";
    public static final String TARGET = "target";

    private MirrorOwnTopics() {
    }

    /**
     * {@code mm2-offset-syncs.<source>.internal}: MirrorMaker 2 names the offset-syncs topic after the
     * cluster it does NOT live on (MirrorSourceConfig#offsetSyncsTopic), so with
     * offset-syncs.topic.location=target it carries the source alias.
     */
    public static String offsetSyncs(String sourceAlias) {
        return "mm2-offset-syncs." + sourceAlias + ".internal";
    }

    /** {@code <source>.checkpoints.internal}, as IdentityReplicationPolicy names it. */
    public static String checkpoints(String sourceAlias) {
        return new IdentityReplicationPolicy().checkpointsTopic(sourceAlias);
    }

    /** What the forward mirror (source to target) creates on the target. */
    public static List<String> forwardOnTarget() {
        return List.of(offsetSyncs(SOURCE), checkpoints(SOURCE));
    }
}
