package dev.cutover.cli.render;

import dev.cutover.engine.Planner.PlanResult;
import dev.cutover.engine.connect.MirrorOnConnect;
import dev.cutover.engine.mirror.MirrorConnectors;
import dev.cutover.plans.GateName;
import dev.cutover.plans.MirrorEngine;
import dev.cutover.plans.Plan;
import dev.cutover.plans.compile.CompiledPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code cutover plan --output json}. */
public final class PlanJson {

    private PlanJson() {
    }

    public static Map<String, Object> of(PlanResult result, String ledger) {
        CompiledPlan compiled = result.compiled();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("formatVersion", StatusJson.FORMAT_VERSION);
        doc.put("plan", Map.of("name", compiled.plan().name(), "fingerprint", compiled.fingerprint(),
                "file", compiled.plan().sourceFile()));
        doc.put("ledger", ledger);
        doc.put("source", Map.of("clusterId", result.source().clusterId(), "brokers", result.source().brokerCount()));
        doc.put("target", Map.of("clusterId", result.target().clusterId(), "brokers", result.target().brokerCount()));
        doc.put("topics", compiled.topicActions().stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("topic", a.topic());
            m.put("action", a.kind().name().toLowerCase().replace('_', '-'));
            m.put("partitions", a.partitions());
            m.put("replicationFactor", (int) a.replicationFactor());
            m.put("configs", a.configsToSet());
            m.put("detail", a.detail());
            return m;
        }).toList());
        doc.put("groups", compiled.selectedGroups());
        doc.put("mirror", mirror(compiled));
        doc.put("gates", compiled.gates().stream().map(GateName::label).toList());
        doc.put("warnings", compiled.warnings());
        return doc;
    }

    /** The engine, and for {@code connect} the connectors the mirror gate will deploy (secrets as placeholders). */
    private static Map<String, Object> mirror(CompiledPlan compiled) {
        Plan plan = compiled.plan();
        Map<String, Object> mirror = new LinkedHashMap<>();
        mirror.put("engine", plan.mirror().engine().label());
        if (plan.mirror().engine() == MirrorEngine.CONNECT) {
            MirrorConnectors shown = MirrorOnConnect.shown(compiled);
            mirror.put("url", plan.mirror().connectUrl());
            mirror.put("connectors", List.of(
                    Map.of("name", shown.sourceName(), "config", new TreeMap<>(shown.source())),
                    Map.of("name", shown.checkpointName(), "config", new TreeMap<>(shown.checkpoint()))));
        }
        return mirror;
    }
}
