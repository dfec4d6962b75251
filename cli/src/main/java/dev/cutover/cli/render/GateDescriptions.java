package dev.cutover.cli.render;

import dev.cutover.plans.GateName;
import dev.cutover.plans.Plan;

/** One line per gate saying what it will do with this plan's settings. */
final class GateDescriptions {

    private GateDescriptions() {
    }

    static String of(GateName gate, Plan plan) {
        return switch (gate) {
            case PREFLIGHT -> "check both clusters, permissions, topics and controls";
            case TOPICS -> "create missing topics on the target with the source's partitions and overrides";
            case MIRROR -> "start MirrorMaker 2 (" + plan.mirror().engine().name().toLowerCase() + ", identity policy)";
            case IN_SYNC -> "wait until mirror lag <= " + plan.gates().inSync().maxLag() + " records on every partition (timeout "
                    + plan.gates().inSync().timeout().toSeconds() + " s)";
            case SWITCH_PRODUCERS -> "stop producers, quiesce " + plan.gates().quiesce().window().toMillis()
                    + " ms, carry the replay position, start them on the target";
            case MOVE_CONSUMERS -> "stop groups, translate offsets exactly, start them on the target";
            case OBSERVE -> "watch " + plan.rollback().triggers().size() + " rollback trigger(s) for "
                    + plan.gates().observe().duration().toSeconds() + " s";
            case FINALIZE -> "stop mirroring, write final positions and the report";
        };
    }
}
