package dev.cutover.cli.render;

import dev.cutover.engine.Planner.PlanResult;
import dev.cutover.engine.connect.MirrorOnConnect;
import dev.cutover.engine.mirror.MirrorConnectors;
import dev.cutover.plans.GateName;
import dev.cutover.plans.MirrorEngine;
import dev.cutover.plans.Plan;
import dev.cutover.plans.ProducerSpec;
import dev.cutover.plans.compile.CompiledPlan;
import dev.cutover.plans.compile.GroupSnapshot;
import dev.cutover.plans.compile.TopicAction;
import dev.cutover.plans.compile.TopicSnapshot;
import java.util.Map;
import java.util.TreeMap;

/** {@code cutover plan} for people: a diff with a legend, like {@code terraform plan}. */
public final class PlanText {

    private PlanText() {
    }

    public static String of(PlanResult result, String ledger) {
        CompiledPlan compiled = result.compiled();
        Plan plan = compiled.plan();
        StringBuilder out = new StringBuilder();
        out.append("cutover plan ").append(plan.name()).append(" (").append(plan.sourceFile()).append(")\n");
        out.append("  source: ").append(plan.source().bootstrap()).append("  cluster ").append(result.source().clusterId())
                .append(", ").append(result.source().brokerCount()).append(" broker(s)\n");
        out.append("  target: ").append(plan.target().bootstrap()).append("  cluster ").append(result.target().clusterId())
                .append(", ").append(result.target().brokerCount()).append(" broker(s)\n\n");
        out.append("Legend: + create   ~ update   = unchanged   ! conflict\n\n");
        out.append("Topics (").append(compiled.selectedTopics().size()).append(" selected)\n");
        int create = 0;
        int change = 0;
        int conflict = 0;
        for (TopicAction a : compiled.topicActions()) {
            TopicSnapshot s = result.source().topics().get(a.topic());
            switch (a.kind()) {
                case CREATE -> {
                    create++;
                    out.append("  + ").append(a.topic()).append("  ").append(a.partitions()).append(" partitions, RF ")
                            .append(a.replicationFactor()).append(configs(a.configsToSet())).append('\n');
                }
                case UPDATE_CONFIG -> {
                    change++;
                    out.append("  ~ ").append(a.topic()).append("  set").append(configs(a.configsToSet())).append('\n');
                }
                case NONE -> out.append("  = ").append(a.topic()).append("  ")
                        .append(s == null ? "" : s.partitions() + " partitions").append(", already in place\n");
                case CONFLICT -> {
                    conflict++;
                    out.append("  ! ").append(a.topic()).append("  ").append(a.detail()).append('\n');
                }
            }
        }
        out.append("\nGroups (").append(compiled.selectedGroups().size()).append(" selected: offsets mirrored, moved by move-consumers)\n");
        if (compiled.selectedGroups().isEmpty()) {
            out.append("  (none)\n");
        } else {
            Table groups = new Table("group", "state", "members", "lag");
            for (GroupSnapshot g : compiled.selectedGroups()) {
                groups.row(g.groupId(), g.state(), g.members(), g.lag() < 0 ? null : g.lag());
            }
            out.append(groups.render("  "));
        }
        if (plan.mirror().engine() == MirrorEngine.CONNECT) {
            out.append(connectors(plan, compiled));
        }
        out.append("\nProducers (").append(plan.producers().size()).append(")\n");
        for (ProducerSpec p : plan.producers()) {
            out.append("  ").append(p.name()).append(" -> ").append(String.join(", ", p.topics())).append('\n');
        }
        out.append("\nGates\n");
        int n = 1;
        for (GateName g : compiled.gates()) {
            out.append(String.format("  %d. %-17s %s%n", n++, g.label(), GateDescriptions.of(g, plan)));
        }
        for (String w : compiled.warnings()) {
            out.append("\nwarning: ").append(w).append('\n');
        }
        out.append("\nPlan: ").append(create).append(" to create, ").append(change).append(" to change, ")
                .append(conflict).append(conflict == 1 ? " conflict" : " conflicts").append(". Nothing was changed on any cluster.\n");
        out.append("Stored in ").append(ledger).append(" (fingerprint ")
                .append(compiled.fingerprint(), 0, 12).append("). Next: cutover step\n");
        return out.toString();
    }

    /** The connectors the mirror gate will deploy, every key as it will be sent (secrets as the plan's placeholders). */
    private static String connectors(Plan plan, CompiledPlan compiled) {
        MirrorConnectors shown = MirrorOnConnect.shown(compiled);
        StringBuilder out = new StringBuilder("\nMirror (MirrorMaker 2 on Kafka Connect at ").append(plan.mirror().connectUrl())
                .append(", deployed by the mirror gate; secrets as the plan writes them)\n");
        for (Map.Entry<String, Map<String, String>> c : Map.of(shown.sourceName(), shown.source(),
                shown.checkpointName(), shown.checkpoint()).entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            out.append("  + connector ").append(c.getKey()).append('\n');
            new TreeMap<>(c.getValue()).forEach((k, v) -> out.append("      ").append(k).append(" = ").append(v).append('\n'));
        }
        return out.toString();
    }

    private static String configs(Map<String, String> configs) {
        if (configs.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        configs.forEach((k, v) -> b.append(b.length() == 0 ? " " : ", ").append(k).append('=').append(v));
        return b.toString();
    }
}
